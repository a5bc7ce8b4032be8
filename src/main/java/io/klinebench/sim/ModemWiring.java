package io.klinebench.sim;

import io.klinebench.bench.Action;
import io.klinebench.bench.Rig;
import io.klinebench.car.BodyControlModule;
import io.klinebench.car.CarEvent;
import io.klinebench.car.CarEvent.LockState;
import io.klinebench.serial.ModemLines;
import io.klinebench.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires a port's modem lines to the car on the bench, as a relay rig would be wired to a
 * real car: an edge on an input line performs an {@link Action} on the {@link Rig}, and the
 * output lines follow the car's state and events.
 *
 * <pre>
 *   CTS DSR DCD RI --poll every period--&gt; debounce --edge--&gt; Rig.perform(on | off)
 *   RTS DTR       &lt;--set on change------- lock state, ignition, chime pulse &lt;-- CarEvents
 * </pre>
 *
 * <p>Everything runs on the rig's clock: the inputs are read by a task that schedules itself
 * every {@link ModemMapping#periodNanos()}, at exact multiples of the period from the start,
 * so on a virtual clock an edge acts at a known instant (the first poll that sees it, plus
 * the debounce when that is a multiple of the period). A new level counts once it has held
 * for the debounce; a level that goes back sooner is a bounce and does nothing. The levels
 * the lines have when the wiring starts are taken as they are: only changes act.
 * An output is set only when its level changes.
 */
public final class ModemWiring {

    private static final Logger LOG = LoggerFactory.getLogger(ModemWiring.class);

    private final Rig rig;
    private final Clock clock;
    private final ModemLines lines;
    private final ModemMapping mapping;
    private final Map<ModemLines.Input, Boolean> stable = new EnumMap<>(ModemLines.Input.class);
    private final Map<ModemLines.Input, Boolean> candidate = new EnumMap<>(ModemLines.Input.class);
    private final Map<ModemLines.Input, Long> candidateSince = new EnumMap<>(ModemLines.Input.class);
    private final Map<ModemLines.Output, Boolean> driven = new EnumMap<>(ModemLines.Output.class);
    private final Map<ModemLines.Output, Clock.Scheduled> pulseEnds = new EnumMap<>(ModemLines.Output.class);
    private volatile boolean stopped;
    private Clock.Scheduled nextPoll;

    private ModemWiring(Rig rig, ModemLines lines, ModemMapping mapping) {
        this.rig = rig;
        this.clock = rig.clock();
        this.lines = lines;
        this.mapping = mapping;
    }

    /**
     * Starts the wiring: the first poll, and the outputs set from the car's state, happen on
     * the clock's loop at its current instant (on a virtual clock: when it is next advanced).
     * Call from any thread.
     */
    public static ModemWiring start(Rig rig, ModemLines lines, ModemMapping mapping) {
        ModemWiring w = new ModemWiring(rig, lines, mapping);
        w.nextPoll = w.clock.schedule(w.clock.nanos(), w::begin);
        return w;
    }

    /**
     * Stops polling, ends any chime pulse and clears the outputs this wiring asserted. Call it
     * on the clock's loop, or once the loop has ended; the wiring does nothing afterwards.
     */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (nextPoll != null) {
            nextPoll.cancel();
        }
        pulseEnds.values().forEach(Clock.Scheduled::cancel);
        for (Map.Entry<ModemLines.Output, Boolean> d : driven.entrySet()) {
            if (d.getValue()) {
                lines.set(d.getKey(), false);
            }
        }
        driven.clear();
    }

    /** The level an input line has counted as, after debouncing (false before the wiring started). */
    public boolean level(ModemLines.Input line) {
        return stable.getOrDefault(line, false);
    }

    private void begin() {
        if (stopped) {
            return;
        }
        long now = clock.nanos();
        for (ModemLines.Input line : mapping.inputs().keySet()) {
            boolean level = lines.read(line);
            stable.put(line, level);
            candidate.put(line, level);
            candidateSince.put(line, now);
        }
        BodyControlModule car = rig.car();
        car.onEvent(this::onCarEvent);
        for (ModemLines.Output line : mapping.outputs().keySet()) {
            driven.put(line, false);
            lines.set(line, false);
        }
        refreshStates();
        LOG.debug(
                "modem lines wired at {} ns: inputs {} (levels {}), outputs {}",
                now,
                mapping.inputs().keySet(),
                stable,
                mapping.outputs().keySet());
        scheduleNext(now);
    }

    private void scheduleNext(long lastDue) {
        long next = lastDue + mapping.periodNanos();
        long now = clock.nanos();
        if (next <= now) {
            // Late (a stalled real clock): skip the missed polls, keep the phase.
            next += ((now - next) / mapping.periodNanos() + 1) * mapping.periodNanos();
        }
        long due = next;
        nextPoll = clock.schedule(due, () -> poll(due));
    }

    private void poll(long due) {
        if (stopped) {
            return;
        }
        long now = clock.nanos();
        for (Map.Entry<ModemLines.Input, ModemMapping.InputBinding> e :
                mapping.inputs().entrySet()) {
            ModemLines.Input line = e.getKey();
            boolean level = lines.read(line);
            if (level != candidate.get(line)) {
                candidate.put(line, level);
                candidateSince.put(line, now);
            }
            if (level != stable.get(line) && now - candidateSince.get(line) >= mapping.debounceNanos()) {
                stable.put(line, level);
                act(line, level, level ? e.getValue().on() : e.getValue().off());
            }
        }
        if (!stopped) {
            scheduleNext(due);
        }
    }

    private void act(ModemLines.Input line, boolean level, Action action) {
        if (action == null) {
            return;
        }
        LOG.debug("{} {} -> {}", line, level ? "on" : "off", action.text());
        try {
            rig.perform(action);
        } catch (RuntimeException ex) {
            // The car refuses impossible inputs with events; anything thrown is the bench's own
            // limit (a tester action on a rig without K-line): say so and keep the lines wired.
            LOG.warn(
                    "{} {}: '{}' could not be performed: {}",
                    line,
                    level ? "on" : "off",
                    action.text(),
                    ex.getMessage());
        }
    }

    private void onCarEvent(CarEvent event) {
        if (stopped) {
            return;
        }
        if (event instanceof CarEvent.Chime) {
            for (Map.Entry<ModemLines.Output, ModemMapping.OutputBinding> e :
                    mapping.outputs().entrySet()) {
                if (e.getValue() instanceof ModemMapping.ChimePulse p) {
                    pulse(e.getKey(), p.pulseNanos());
                }
            }
        }
        refreshStates();
    }

    private void pulse(ModemLines.Output line, long pulseNanos) {
        Clock.Scheduled end = pulseEnds.get(line);
        if (end != null) {
            end.cancel();
        }
        drive(line, true);
        pulseEnds.put(line, clock.scheduleAfter(pulseNanos, () -> {
            if (!stopped) {
                drive(line, false);
            }
        }));
    }

    /** Sets every state-following output from the car as it is now. */
    private void refreshStates() {
        BodyControlModule car = rig.car();
        for (Map.Entry<ModemLines.Output, ModemMapping.OutputBinding> e :
                mapping.outputs().entrySet()) {
            ModemMapping.OutputBinding b = e.getValue();
            if (b instanceof ModemMapping.DoorLocked d) {
                drive(e.getKey(), car.status().lockState(d.door()) == LockState.LOCKED);
            } else if (b instanceof ModemMapping.IgnitionOn) {
                drive(e.getKey(), car.status().ignition() >= 2);
            } else if (b instanceof ModemMapping.AllLocked) {
                drive(e.getKey(), car.status().allLocked());
            }
        }
    }

    private void drive(ModemLines.Output line, boolean level) {
        if (driven.get(line) != level) {
            driven.put(line, level);
            lines.set(line, level);
        }
    }
}
