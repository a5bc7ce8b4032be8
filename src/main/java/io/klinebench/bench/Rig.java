package io.klinebench.bench;

import io.klinebench.car.BodyControlModule;
import io.klinebench.car.CarEvent.LockState;
import io.klinebench.car.PhysicalInputs;
import io.klinebench.car.Profile;
import io.klinebench.fob.Button;
import io.klinebench.fob.Key;
import io.klinebench.fob.RemoteBattery;
import io.klinebench.fob.RemoteKey;
import io.klinebench.fob.Transmission;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.Tester;
import io.klinebench.kline.Violation;
import io.klinebench.line.Direction;
import io.klinebench.line.LineEndpoint;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bench's world: one car, its keys, and the timeline they write. It turns
 * {@link Action}s into inputs of the module and the remotes; a press lets go of its
 * buttons later, on the clock.
 */
public final class Rig {

    private final Clock clock;
    private final Profile profile;
    private final BodyControlModule car;
    private final PhysicalInputs inputs;
    private final Map<String, Key> keys = new LinkedHashMap<>();
    private final Map<Integer, String> remoteNames = new LinkedHashMap<>();
    /**
     * Events a simulator on a port keeps in memory: the latest few thousand (a day's busy
     * tester makes millions); its listeners write every one as it comes.
     */
    public static final int SIM_EVENTS_KEPT = 10_000;

    private final Timeline timeline;
    private DiagnosticSocket diagnostics;

    public Rig(Profile profile, CarSetup setup, Clock clock) {
        this(profile, null, setup, clock);
    }

    /**
     * A rig whose car also has its K-line, with the bench's tester on it, when {@code diagnostics}
     * is given; the car then knows its VIN ({@code diagnostics.vin}).
     */
    public Rig(Profile profile, DiagnosticProfile diagnostics, CarSetup setup, Clock clock) {
        this(profile, diagnostics, setup, clock, null, LineConditions.bench());
    }

    /**
     * A rig whose car's K-line link layer is on {@code ecuLine} (a serial port or a pty, in real
     * time) instead of the bench's in-memory line; there is no bench tester then.
     *
     * @param conditions whether {@code ecuLine} brings the module's own bytes back (a real K-line
     *     cable does), how exact its stamps are, how strictly the link judges
     */
    public Rig(
            Profile profile,
            DiagnosticProfile diagnostics,
            CarSetup setup,
            Clock clock,
            LineEndpoint ecuLine,
            LineConditions conditions) {
        this(profile, diagnostics, setup, clock, ecuLine, conditions, true);
    }

    /**
     * A rig whose car knows its VIN from {@code diagnostics} but has no diagnostic socket: for a
     * run none of whose steps uses the K-line, on which then no byte would ever cross. Building
     * the module's link, its services and the bench's tester is most of a short run's set-up.
     */
    static Rig withoutSocket(Profile profile, DiagnosticProfile diagnostics, CarSetup setup, Clock clock) {
        return new Rig(profile, diagnostics, setup, clock, null, LineConditions.bench(), false);
    }

    private Rig(
            Profile profile,
            DiagnosticProfile diagnostics,
            CarSetup setup,
            Clock clock,
            LineEndpoint ecuLine,
            LineConditions conditions,
            boolean socket) {
        this.clock = clock;
        this.profile = profile;
        this.timeline = ecuLine == null ? new Timeline() : Timeline.keepingLast(SIM_EVENTS_KEPT);
        this.car = new BodyControlModule(profile, clock);
        this.inputs = car.inputs();
        car.onEvent(timeline::record);
        if (diagnostics != null) {
            car.setVin(diagnostics.vin());
        }
        if (!setup.receiverCoded()) {
            inputs.replaceReceiver();
        }
        car.presetLocks(setup.locked() ? LockState.LOCKED : LockState.UNLOCKED);
        for (KeySpec spec : setup.keys()) {
            RemoteKey remote = null;
            if (spec.hasRemote()) {
                if (remoteNames.containsKey(spec.serial())) {
                    throw new IllegalArgumentException(String.format(
                            "keys %s and %s share remote serial %07X",
                            remoteNames.get(spec.serial()), spec.id(), spec.serial()));
                }
                remote = new RemoteKey(
                        spec.id(),
                        spec.serial(),
                        spec.counter(),
                        new RemoteBattery(profile.remoteBattery(), clock, spec.battery()),
                        clock);
                remote.onEvent(timeline::record);
                remoteNames.put(spec.serial(), spec.id());
                if (spec.slot() >= 0) {
                    car.receiver().store(spec.slot(), spec.serial(), spec.carCounter(), spec.inSync());
                }
            }
            if (spec.authorised()) {
                car.immobilizer().authorise(spec.transponder());
            }
            keys.put(spec.id(), new Key(spec.id(), spec.transponder(), remote));
        }
        if (diagnostics != null && socket) {
            // The car's identity, which coding a replaced receiver checks, is the profile's.
            car.setVin(diagnostics.vin());
            this.diagnostics = ecuLine == null
                    ? DiagnosticSocket.onBench(car, diagnostics, clock, timeline::record)
                    : DiagnosticSocket.onLine(car, diagnostics, clock, timeline::record, ecuLine, conditions);
        }
    }

    /**
     * Runs the timing validator over the K-line trace and puts each violation on the timeline,
     * at its instant. Call once, when the run is over.
     */
    public void judgeLineTiming() {
        if (diagnostics != null && !diagnostics.trace().isEmpty()) {
            List<LinkEvent.FaultInjected> injected = timeline.events().stream()
                    .filter(e -> e instanceof LinkEvent.FaultInjected)
                    .map(e -> (LinkEvent.FaultInjected) e)
                    .toList();
            for (Violation v : diagnostics.violations()) {
                timeline.recordLate(LinkEvent.TimingViolation.of(v, injectedInto(v, injected)));
            }
        }
    }

    /**
     * The fault the module was told to make in the answer a violation of the module's shows in
     * (the violation lies between the answer's due instant and its last byte), in its words;
     * empty when the module broke the rule by itself.
     */
    private static String injectedInto(Violation v, List<LinkEvent.FaultInjected> injected) {
        if (v.by() != Direction.ECU) {
            return "";
        }
        for (LinkEvent.FaultInjected f : injected) {
            if (v.at() >= f.at() && v.at() <= f.until()) {
                return f.fault() + " " + f.trigger();
            }
        }
        return "";
    }

    /** The car's diagnostic socket, or empty when the rig was built without diagnostics. */
    public Profile profile() {
        return profile;
    }

    public Optional<DiagnosticSocket> diagnostics() {
        return Optional.ofNullable(diagnostics);
    }

    public BodyControlModule car() {
        return car;
    }

    public Clock clock() {
        return clock;
    }

    public Timeline timeline() {
        return timeline;
    }

    public Map<String, Key> keys() {
        return Collections.unmodifiableMap(keys);
    }

    public Key key(String id) {
        Key k = keys.get(id);
        if (k == null) {
            throw new IllegalArgumentException("no key called '" + id + "'; the keys are " + keys.keySet());
        }
        return k;
    }

    /** The bench's name for a remote serial, if it is one of ours. */
    public Optional<String> remoteName(int serial) {
        return Optional.ofNullable(remoteNames.get(serial));
    }

    /**
     * Throws, saying why, when the action names a key, remote or door this rig does not have
     * (as {@link #perform} would); does nothing else. For whoever announces an action before
     * performing it.
     */
    public void check(Action action) {
        if (action instanceof Action.InsertKey a) {
            key(a.key());
        } else if (action instanceof Action.Press a) {
            remote(a.remote());
        } else if (action instanceof Action.Hold a) {
            remote(a.remote());
        } else if (action instanceof Action.Release a) {
            remote(a.remote());
        } else if (action instanceof Action.RemoteBattery a) {
            remote(a.remote());
        } else if (action instanceof Action.Door a) {
            door(a.door());
        } else if (action instanceof Action.TesterSendTo a) {
            BenchLines l = lines("'tester send-to'");
            l.checkBenchTester("'tester send-to'");
            l.check(a.module());
        } else if (action instanceof Action.TesterModuleSearch) {
            lines("a module search").checkBenchTester("a module search");
        } else if (action instanceof Action.Cable) {
            lines("a cable switch");
        }
    }

    /**
     * Performs one action now. Unknown keys and doors throw (a name this car does not have is a
     * mistake in the words, as a sequence file's loader says); impossible actions are refused by
     * the car.
     */
    public void perform(Action action) {
        if (action instanceof Action.InsertKey a) {
            inputs.insertKey(key(a.key()));
        } else if (action instanceof Action.RemoveKey) {
            inputs.removeKey();
        } else if (action instanceof Action.Ignition a) {
            inputs.turnIgnition(a.position());
        } else if (action instanceof Action.Door a) {
            inputs.setDoor(door(a.door()), a.open());
        } else if (action instanceof Action.Console a) {
            inputs.consoleSwitch(a.target());
        } else if (action instanceof Action.DoorLock a) {
            inputs.keyInDoorLock(a.target());
        } else if (action instanceof Action.Press a) {
            RemoteKey r = remote(a.remote());
            int mask = down(r, a.buttons());
            clock.scheduleAfter(a.holdNanos(), () -> up(r, mask));
        } else if (action instanceof Action.Hold a) {
            down(remote(a.remote()), a.buttons());
        } else if (action instanceof Action.Release a) {
            up(remote(a.remote()), Button.mask(a.buttons().toArray(Button[]::new)));
        } else if (action instanceof Action.CarBattery a) {
            if (a.connected()) {
                inputs.reconnectCarBattery();
            } else {
                inputs.disconnectCarBattery();
            }
        } else if (action instanceof Action.RemoteBattery a) {
            RemoteKey r = remote(a.remote());
            if (a.inserted()) {
                r.insertBattery();
            } else {
                r.removeBattery();
            }
        } else if (action instanceof Action.ReplaceReceiver) {
            inputs.replaceReceiver();
        } else if (action instanceof Action.Setting a) {
            inputs.changeSetting(a.name(), a.value());
        } else if (action instanceof Action.TesterInit a) {
            tester().init(a.init());
        } else if (action instanceof Action.TesterSend a) {
            tester().send(a.data());
        } else if (action instanceof Action.TesterRaw a) {
            tester().sendRaw(a.bytes());
        } else if (action instanceof Action.TesterModuleSearch) {
            lines("a module search").search();
        } else if (action instanceof Action.TesterSendTo a) {
            lines("'tester send-to'").sendTo(a.module(), a.data());
        } else if (action instanceof Action.Cable a) {
            lines("a cable switch").bridge(a.bridged());
        } else if (action instanceof Action.TesterInterByte a) {
            tester().setInterByte(a.nanos());
        } else if (action instanceof Action.InjectFault a) {
            if (diagnostics == null) {
                throw new IllegalStateException("this car has no K-line: no module to make a fault");
            }
            diagnostics.faults().arm(a.fault(), a.trigger());
            timeline.record(new LinkEvent.FaultArmed(
                    clock.nanos(), a.fault().text(), a.trigger().text()));
        } else if (action instanceof Action.TesterUnlock a) {
            tester();
            diagnostics.unlock(a.wrongKey());
        }
        // Action.Wait: only the passing of time, which the caller already did.
    }

    private int down(RemoteKey r, List<Button> buttons) {
        int mask = 0;
        for (Button b : buttons) {
            mask |= b.bit();
            Transmission.Code code = r.press(b);
            if (code != null) {
                inputs.receive(code);
            }
        }
        return mask;
    }

    private void up(RemoteKey r, int mask) {
        Transmission.Released released = r.release(mask);
        if (released != null) {
            inputs.receive(released);
        }
    }

    private Tester tester() {
        if (diagnostics == null) {
            throw new IllegalStateException("this rig has no K-line (build it with the profile's diagnostics)");
        }
        return diagnostics
                .tester()
                .orElseThrow(() ->
                        new IllegalStateException("the K-line is on a port: the tester is whoever is connected to it"));
    }

    /** The car's two lines on the bench; what needs them says what it is, when the car has one line. */
    private BenchLines lines(String what) {
        if (diagnostics == null) {
            throw new IllegalStateException("this rig has no K-line (build it with the profile's diagnostics)");
        }
        return diagnostics
                .lines()
                .orElseThrow(() -> new IllegalArgumentException(what + " needs the car's two lines (pins 7 and 8), and "
                        + "profile " + profile.name() + " has one line (no diagnostics.lines)"));
    }

    private String door(String name) {
        if (!profile.doors().contains(name)) {
            throw new IllegalArgumentException("unknown door '" + name + "'; profile " + profile.name() + " has "
                    + String.join(", ", profile.doors()));
        }
        return name;
    }

    private RemoteKey remote(String id) {
        Key k = key(id);
        if (!k.hasRemote()) {
            throw new IllegalArgumentException("key " + id + " has no remote");
        }
        return k.remote();
    }
}
