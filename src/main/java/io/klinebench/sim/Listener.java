package io.klinebench.sim;

import io.klinebench.kline.FrameDecoder;
import io.klinebench.kline.Heard;
import io.klinebench.kline.SideSplitter;
import io.klinebench.kline.Violation;
import io.klinebench.line.BytePipe;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.protocol.DiagnosticProtocol;
import io.klinebench.serial.CpuStopWatch;
import io.klinebench.serial.PortChannel;
import io.klinebench.serial.SerialPipe;
import io.klinebench.serial.ThreadPriority;
import io.klinebench.time.Clock;
import io.klinebench.time.CpuStop;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Durations;
import io.klinebench.time.SystemClock;
import io.klinebench.time.Uncertainty;
import io.klinebench.trace.TraceFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * A listener on a live K-line that never sends a byte: every byte stamped as it arrives
 * ({@link SerialPipe}, as the simulator stamps), split into the two sides ({@link SideSplitter}),
 * each frame said as it completes with the gap before it, the timing of both sides judged by
 * the protocol's judge as the bytes come, and the trace written as {@code validate} reads it.
 * Everything but {@link #start} and {@link #stop} runs on the clock's loop.
 */
public final class Listener {

    /**
     * The live judge looks at the last this many entries (the judge is linear in what it is
     * given; the whole trace each time would make a long session quadratic). A violation is said
     * live once it has at least a quarter of the window before it as context; the summary judges
     * the whole trace, as {@code validate} does.
     */
    static final int WINDOW = 4096;

    /** What was heard, at the end. */
    public record Summary(
            int testerFrames,
            int ecuFrames,
            int inits,
            int unattributedBytes,
            int entries,
            List<Violation> violations,
            List<Violation> undecided) {}

    private final SystemClock clock;
    private final SerialPipe pipe;
    /** Whether the clock's loop and the reader run raised, or why not; set once at start. */
    private volatile ThreadPriority.Outcome priority;

    private final DiagnosticProtocol protocol;
    private final Uncertainty stamps;
    private final TraceFile.Writer trace;
    private final CpuStopWatch watch;
    /** The watch's stops in the trace's times. */
    private final CpuStops stops;

    private final Consumer<String> say;
    private final long origin;
    private final SideSplitter splitter;
    private final List<TraceEntry> entries = new ArrayList<>();
    private final Set<String> said = new HashSet<>();
    private Clock.Scheduled expiry;
    private Heard.Frame lastFrame;
    private int testerFrames;
    private int ecuFrames;
    private int inits;
    private int unattributed;
    private long frameNumber;
    private boolean traceFailed;

    private Listener(
            SystemClock clock,
            PortChannel channel,
            DiagnosticProfile diagnostics,
            Uncertainty stamps,
            TraceFile.Writer trace,
            Consumer<String> say,
            Runnable whenGone) {
        this.clock = clock;
        this.protocol = diagnostics.protocol();
        this.stamps = stamps;
        this.trace = trace;
        this.say = say;
        this.origin = clock.nanos();
        this.splitter = protocol.sideSplitter(diagnostics.ecuAddress(), stamps);
        splitter.onHeard(this::heard);
        // echoBack off, and nothing here ever calls write: the listener puts no byte on the line
        this.pipe = new SerialPipe(clock, channel, false).endWhenGone(() -> {
            splitter.end();
            whenGone.run();
        });
        pipe.onArrival(this::arrived);
        // the machine's stops, watched as the sim watches them: said, written to the trace, judged with
        this.watch = CpuStopWatch.start(clock);
        this.stops = watch.countedFrom(origin);
        // a gap in a frame that a stop held runs longer before the frame is cut, as in the link
        splitter.stretchGaps(stops.stretch(stamps.nanos()));
        pipe.keepAwake(watch);
        watch.onStop(this::stopSeen);
    }

    /**
     * Opens {@code channel} and listens. {@code say} hears every line (frames, inits, bytes that fit
     * no frame, violations) on the clock's loop; {@code whenGone} runs there when the port vanishes.
     *
     * @throws IOException the port's own explanation when it cannot be opened
     */
    public static Listener start(
            SystemClock clock,
            PortChannel channel,
            DiagnosticProfile diagnostics,
            Uncertainty stamps,
            TraceFile.Writer trace,
            Consumer<String> say,
            Runnable whenGone)
            throws IOException {
        Listener l = PortSimulator.call(
                clock, () -> new Listener(clock, channel, diagnostics, stamps, trace, say, whenGone));
        l.priority = TimingThreads.raise(clock, l.pipe);
        l.pipe.start();
        return l;
    }

    /** Whether the clock's loop and the reader run raised ({@link ThreadPriority}), or why not. */
    public ThreadPriority.Outcome priority() {
        return priority;
    }

    /**
     * Stops reading, says what was pending, judges the whole trace and closes it. From any thread
     * but the loop. Reading goes on for the stamps' uncertainty first: what the line carried
     * before the stop may arrive that late, and belongs in the account.
     */
    public Summary stop() {
        pipe.closeAfter(stamps.nanos());
        return PortSimulator.call(clock, () -> {
            splitter.end();
            List<Violation> all = protocol.judge(entries, stamps, stops);
            watch.close();
            try {
                trace.close();
            } catch (IOException e) {
                traceFailed(e);
            }
            return new Summary(
                    testerFrames,
                    ecuFrames,
                    inits,
                    unattributed,
                    entries.size(),
                    all.stream().filter(v -> v.beyond(stamps, stops)).toList(),
                    all.stream().filter(v -> !v.beyond(stamps, stops)).toList());
        });
    }

    // ---- on the clock's loop ------------------------------------------------------------------

    private void arrived(BytePipe.Arrival a) {
        long at = a.at() - origin;
        if (a instanceof BytePipe.Arrival.Bytes b) {
            byte[] values = b.values();
            for (byte v : values) {
                splitter.feed(v & 0xFF, at, values.length == 1);
            }
        } else {
            splitter.breakAt(at);
        }
        if (expiry != null) {
            expiry.cancel();
            expiry = null;
        }
        armExpiry();
    }

    /**
     * Cuts a partial frame off when its inter-byte limit has passed with no byte; while a stop
     * of the machine stretches that limit, looks again as the link's decoder does ({@link
     * FrameDecoder#LOOK_AGAIN}).
     */
    private void armExpiry() {
        long deadline = splitter.deadline();
        if (deadline >= 0) {
            expiry = clock.schedule(Math.max(deadline + origin, clock.nanos() + FrameDecoder.LOOK_AGAIN), () -> {
                expiry = null;
                splitter.expire(clock.nanos() - origin);
                armExpiry();
            });
        }
    }

    private void heard(Heard h) {
        if (h.entries().get(0).at() < 0) {
            say.accept("(before the listener started: " + h.entries().get(0) + "; not written down)");
            return;
        }
        frameNumber++;
        entries.addAll(h.entries());
        write(h);
        if (h instanceof Heard.Frame f) {
            if (f.side() == Direction.TESTER) {
                testerFrames++;
            } else {
                ecuFrames++;
            }
            say.accept(describe(f));
            lastFrame = f;
        } else if (h instanceof Heard.Init i) {
            inits++;
            lastFrame = null;
            TraceEntry e = i.entry();
            say.accept(stamp(e.at()) + "tester  "
                    + (e.kind() == TraceEntry.Kind.LOW
                            ? "wake-up (K low " + Durations.human(e.durationNanos()) + ")"
                            : String.format(Locale.ROOT, "5-baud address %02X", e.value())));
        } else {
            Heard.Unattributed u = (Heard.Unattributed) h;
            unattributed += u.entries().size();
            String side = u.entries().get(0).from() == Direction.TESTER ? "tester" : "ecu";
            say.accept(stamp(u.entries().get(0).at()) + "??      " + u.hex() + "  fits no frame ("
                    + reason(u) + "); "
                    + u.side()
                            .map(s -> "its header names the " + side)
                            .orElse("written down as the " + side + "'s, a guess"));
        }
        judge();
    }

    private void stopSeen(CpuStop s) {
        say.accept(stamp(s.to() - origin) + "the machine: " + s.said() + " (gaps it held are judged with it)");
        if (traceFailed) {
            return;
        }
        try {
            trace.cpuStop(s, origin);
        } catch (IOException e) {
            traceFailed(e);
        }
    }

    private void write(Heard h) {
        if (traceFailed) {
            return;
        }
        try {
            if (h instanceof Heard.Unattributed u) {
                trace.note("fits no frame (" + reason(u) + "): " + u.hex()
                        + (u.side().isPresent() ? "" : "; its side is a guess"));
            }
            for (TraceEntry e : h.entries()) {
                trace.append(e, frameNumber);
            }
            trace.endFrame();
        } catch (IOException e) {
            traceFailed(e);
        }
    }

    private void traceFailed(IOException e) {
        if (!traceFailed) {
            traceFailed = true;
            say.accept("trace stopped: " + e.getMessage());
            LoggerFactory.getLogger(Listener.class).warn("trace stopped: {}", e.getMessage());
        }
    }

    /** Judges the latest entries and says each violation not said before. */
    private void judge() {
        int from = Math.max(0, entries.size() - WINDOW);
        List<Violation> found = protocol.judge(entries.subList(from, entries.size()), stamps, stops);
        for (Violation v : found) {
            int index = from + v.index();
            if (from > 0 && index < from + WINDOW / 4) {
                continue; // too near the window's start to have its context: said by a window before, or at the end
            }
            if (said.add(v.parameter() + "@" + index)) {
                Violation whole = new Violation(
                        v.parameter(),
                        v.by(),
                        v.measuredNanos(),
                        v.limitNanos(),
                        v.bound(),
                        index,
                        v.at(),
                        v.context());
                say.accept((v.beyond(stamps, stops) ? "violation: " : "not decidable within the stamps' uncertainty: ")
                        + whole);
            }
        }
    }

    private String describe(Heard.Frame f) {
        String side = f.side() == Direction.TESTER ? "tester" : "ecu";
        StringBuilder s = new StringBuilder(stamp(f.firstAt()))
                .append(String.format(Locale.ROOT, "%-8s", side))
                .append(Hex.of(f.bytes()));
        if (lastFrame != null) {
            s.append("  ")
                    .append(splitter.gapName(lastFrame.side(), f.side()))
                    .append(' ')
                    .append(Durations.human(f.firstAt() - lastFrame.lastAt()));
        }
        return s.append("  (").append(f.toldBy()).append(')').toString();
    }

    private static String reason(Heard.Unattributed u) {
        return switch (u.why()) {
            case BAD_CHECKSUM -> "bad checksum";
            case INTER_BYTE_TIMEOUT -> "cut off: no byte within the inter-byte limit";
            case BAD_LENGTH -> "a length that cannot be";
            case RESYNC -> "after a bad frame";
        };
    }

    private static String stamp(long at) {
        return String.format(Locale.ROOT, "%12s  ", Durations.clock(at));
    }
}
