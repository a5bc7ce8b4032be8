package io.klinebench.bench;

import io.klinebench.car.BodyControlModule;
import io.klinebench.car.CarEvent;
import io.klinebench.car.Profile;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.Violation;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.time.TimingWindow;
import io.klinebench.time.VirtualClock;
import java.nio.file.Path;
import java.util.List;

/**
 * The bench as a library, for users' own timing tests. A bench is one simulated car on a
 * {@link VirtualClock} at time zero; drive it with the words of sequence steps and let
 * virtual time pass; then look at the timeline.
 *
 * <pre>{@code
 * Bench bench = Bench.of("r50-r53-2005-2008", CarSetup.of(KeySpec.remoteKey("A", 0x1A2B3C, 0).outOfSync()));
 * bench.perform("console unlock").after("1s", "insert A");
 * for (int i = 0; i < 4; i++) bench.after("1s", "ignition 2").after("1s", "ignition 0");
 * bench.after("1s", "remove key").after("1s", "hold A unlock");
 * ...
 * assertThat(bench.events(CarEvent.RemoteLearned.class)).hasSize(1);
 * }</pre>
 *
 * Sequence files run with {@link #run(Path)}.
 */
public final class Bench {

    private final VirtualClock clock = new VirtualClock();
    private final Rig rig;

    private Bench(Profile profile, DiagnosticProfile diagnostics, CarSetup setup) {
        this.rig = new Rig(profile, diagnostics, setup, clock);
    }

    /** A car without its K-line. */
    public static Bench of(Profile profile, CarSetup setup) {
        return new Bench(profile, null, setup);
    }

    /** A car with its K-line and the bench's tester on it. */
    public static Bench of(Profile profile, DiagnosticProfile diagnostics, CarSetup setup) {
        return new Bench(profile, diagnostics, setup);
    }

    /** A built-in profile by name (see {@code kline-bench profiles}), with its K-line. */
    public static Bench of(String profileName, CarSetup setup) throws ConfigException {
        ProfileCatalog builtIn = ProfileCatalog.builtIn();
        return new Bench(builtIn.load(profileName), builtIn.loadDiagnostics(profileName), setup);
    }

    /**
     * Runs a built-in sequence by name ({@code "r53-2005-2008-ritual"}; the list is {@link
     * BuiltInSequences#names()}), with the built-in profiles: from any project, no files needed.
     */
    public static BenchResult run(String builtInSequence) throws ConfigException {
        return SequenceRunner.run(BuiltInSequences.load(builtInSequence, ProfileCatalog.builtIn()));
    }

    /** Loads and runs a sequence file; its profiles come from a sibling "profiles" folder or the jar. */
    public static BenchResult run(Path sequenceFile) throws ConfigException {
        ProfileCatalog catalog = ProfileCatalog.searching(
                ProfileCatalog.besideSequence(sequenceFile).stream().toList());
        return SequenceRunner.run(new SequenceLoader(catalog).load(sequenceFile));
    }

    /** Performs an action now, in sequence words ("press A lock"). */
    public Bench perform(String action) {
        rig.perform(ActionParser.parse(action));
        return this;
    }

    /** Lets {@code duration} ("1.5s") of virtual time pass, running what falls due. */
    public Bench advance(String duration) {
        clock.advanceBy(Durations.parse(duration));
        return this;
    }

    public Bench advanceNanos(long nanos) {
        clock.advanceBy(nanos);
        return this;
    }

    /** Lets time pass, then performs the action. */
    public Bench after(String duration, String action) {
        return advance(duration).perform(action);
    }

    /** Runs everything still scheduled (presses letting go, windows closing), at most a day ahead. */
    public Bench settle() {
        clock.runUntilIdle(clock.nanos() + SequenceRunner.MAX_IDLE_TAIL);
        return this;
    }

    public long now() {
        return clock.nanos();
    }

    public BodyControlModule car() {
        return rig.car();
    }

    public Rig rig() {
        return rig;
    }

    public Timeline timeline() {
        return rig.timeline();
    }

    public <T extends Event> List<T> events(Class<T> type) {
        return rig.timeline().of(type);
    }

    public List<TimingWindow> windows() {
        return rig.timeline().windows();
    }

    /** The windows with a given rule name ("cycles.max-off-time"). */
    public List<TimingWindow> windows(String name) {
        return windows().stream().filter(w -> w.name().equals(name)).toList();
    }

    /** Every byte on the K-line so far, with its sender (empty without diagnostics). */
    public List<TraceEntry> trace() {
        return rig.diagnostics().map(DiagnosticSocket::trace).orElse(List.of());
    }

    /** Every K-line timing rule broken so far, by either side (the timing validator over the trace). */
    public List<Violation> violations() {
        return rig.diagnostics().map(DiagnosticSocket::violations).orElse(List.of());
    }

    /** The answers the bench's tester received, in order. */
    public List<LinkEvent.TesterReceived> answers() {
        return events(LinkEvent.TesterReceived.class);
    }

    /** The rejections, for quick asserts. */
    public List<CarEvent.RemoteCodeRejected> rejections() {
        return events(CarEvent.RemoteCodeRejected.class);
    }
}
