package io.klinebench.replay;

import io.klinebench.config.ConfigException;
import io.klinebench.kline.Heard;
import io.klinebench.kline.SideSplitter;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.protocol.DiagnosticProtocol;
import io.klinebench.protocol.FrameParts;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Durations;
import io.klinebench.time.Uncertainty;
import io.klinebench.trace.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A recorded session (our trace, as {@code sim --trace}, {@code tester --trace} and {@code
 * listen} write it) as a {@link ReplayScript}: each tester frame a request, the module's frames
 * after it (before the tester's next) its answer, with the recorded times.
 *
 * <p>Each side's bytes are framed by the protocol's own decoder (the one the link layers read
 * with, through {@link DiagnosticProtocol#sideSplitter}), one decoder per side, as the trace
 * says who sent each byte. Requests the link layer answers itself (KWP2000 StartCommunication,
 * StopCommunication, AccessTimingParameters) are left to the replay's link layer, which answers
 * them as the profile says; a KWP2000 responsePending before an answer is kept with its time.
 * What cannot be replayed (bytes that are no frame, a second answer to one request, a 5-baud
 * byte) is left out and said in the script's notes.
 */
public final class TraceScript {

    private TraceScript() {}

    /** A whole frame of one side, from the trace. */
    private record Framed(Direction side, long firstAt, long lastAt, byte[] bytes, long[] at) {}

    /**
     * @param name    the trace's file name, for the answers' sources and the notes
     * @param masks   request patterns whose matching requests share one rule (their answers in order)
     * @throws ConfigException naming the trace when no request in it is answered (nothing to replay), saying what it holds
     */
    public static ReplayScript of(String name, Trace trace, DiagnosticProfile profile, List<RequestPattern> masks)
            throws ConfigException {
        DiagnosticProtocol protocol = profile.protocol();
        Uncertainty stamps = trace.header().uncertainty().orElse(Uncertainty.NONE);
        ReplayScript.Builder script = new ReplayScript.Builder(masks);
        List<Framed> frames = new ArrayList<>();
        int[] unframed = new int[1];
        // framed as the sim's link framed it: a gap the machine's stops held (its # cpu-stop lines) stretched by them
        CpuStops stops = trace.stops();
        for (Direction side : Direction.values()) {
            SideSplitter splitter =
                    protocol.sideSplitter(profile.ecuAddress(), stamps).stretchGaps(stops.stretch(stamps.nanos()));
            splitter.onHeard(h -> {
                if (h instanceof Heard.Frame f) {
                    frames.add(framed(side, f.entries()));
                } else if (h instanceof Heard.Unattributed u) {
                    unframed[0] += u.entries().size();
                }
            });
            for (TraceEntry e : trace.entries()) {
                if (e.from() != side) {
                    continue;
                }
                switch (e.kind()) {
                    case BYTE -> splitter.feed(e.value(), e.at(), false);
                    case LOW -> splitter.breakAt(e.at() + e.durationNanos());
                    case SLOW ->
                        script.note(String.format(
                                "a 5-baud byte %02X at %ss: the replay's link layer makes its own 5-baud handshake",
                                e.value(), Durations.seconds(e.at())));
                    default -> throw new IllegalStateException("unknown kind " + e.kind());
                }
            }
            splitter.end();
        }
        if (unframed[0] > 0) {
            script.note(unframed[0] + " bytes of the trace are no whole frame (cut off or garbled); left out");
        }
        frames.sort(Comparator.comparingLong(Framed::firstAt));
        int linkAnswered = 0;
        int requests = 0;
        int orphans = 0;
        Framed request = null;
        List<Framed> answers = new ArrayList<>();
        for (Framed f : frames) {
            if (f.side() == Direction.TESTER) {
                linkAnswered += exchange(name, protocol, request, answers, script) ? 1 : 0;
                request = f;
                answers = new ArrayList<>();
                requests++;
            } else if (request == null) {
                orphans++;
                script.note("an answer with no request before it at " + Durations.seconds(f.firstAt()) + "s: "
                        + Hex.of(f.bytes()) + "; left out");
            } else {
                answers.add(f);
            }
        }
        linkAnswered += exchange(name, protocol, request, answers, script) ? 1 : 0;
        if (linkAnswered > 0) {
            script.note("requests the link layer answers itself (init, stop, timing parameters): " + linkAnswered
                    + "; answered as the profile says, not from the recording");
        }
        ReplayScript built = script.build(name + ", " + frames.size() + " frames");
        if (built.answers() == 0) {
            // served, it would answer every request as unknown: validate refuses an empty trace likewise
            throw new ConfigException(
                    name,
                    "nothing to replay: no request in it is answered (it holds "
                            + holds(trace, requests, linkAnswered, frames.size() - requests, orphans, unframed[0])
                            + ")");
        }
        return built;
    }

    /** What a trace with nothing to replay holds, for its refusal: "1 request and no module frames". */
    private static String holds(
            Trace trace, int requests, int linkAnswered, int moduleFrames, int orphans, int unframed) {
        if (trace.entries().isEmpty()) {
            return "no entries"
                    + trace.header()
                            .stoppedAtStart()
                            .map(why -> "; the sim that wrote it stopped at start: " + why)
                            .orElse("");
        }
        return count(requests, "request")
                + (linkAnswered == 0
                        ? ""
                        : " (" + linkAnswered + " the link layer answers itself: init, stop, timing parameters)")
                + " and " + count(moduleFrames, "module frame")
                + (orphans == 0 ? "" : " (" + orphans + " before any request)")
                + (unframed == 0 ? "" : "; " + count(unframed, "byte") + " in no whole frame");
    }

    private static String count(int n, String thing) {
        return n == 0 ? "no " + thing + "s" : n + " " + thing + (n == 1 ? "" : "s");
    }

    /** Adds one request and its answer frames; true when the link layer answers such a request itself. */
    private static boolean exchange(
            String name,
            DiagnosticProtocol protocol,
            Framed request,
            List<Framed> answers,
            ReplayScript.Builder script) {
        if (request == null) {
            return false;
        }
        byte[] data = protocol.unframe(request.bytes(), true).data();
        if (protocol.linkAnswers(data)) {
            return true;
        }
        List<Long> pendingAt = new ArrayList<>();
        Framed answer = null;
        byte[] answerData = null;
        for (Framed a : answers) {
            FrameParts parts = protocol.unframe(a.bytes(), true);
            if (answer != null) {
                script.note("a second answer to " + Hex.of(data) + " at " + Durations.seconds(a.firstAt()) + "s: "
                        + Hex.of(a.bytes()) + "; only the first is replayed");
            } else if (protocol.isResponsePending(parts.data())) {
                pendingAt.add(a.firstAt() - request.lastAt());
            } else {
                answer = a;
                answerData = parts.data();
            }
        }
        String source = name + " at " + Durations.seconds(request.firstAt()) + "s";
        if (answer == null) {
            script.add(data, new ReplayAnswer(Optional.empty(), Optional.empty(), source));
            return false;
        }
        long[] at = answer.at();
        long[] gaps = new long[at.length - 1];
        for (int i = 1; i < at.length; i++) {
            gaps[i - 1] = at[i] - at[i - 1];
        }
        long[] pending = pendingAt.stream().mapToLong(Long::longValue).toArray();
        RecordedTiming timing = new RecordedTiming(pending, answer.firstAt() - request.lastAt(), gaps);
        script.add(data, new ReplayAnswer(Optional.of(AnswerData.of(answerData)), Optional.of(timing), source));
        return false;
    }

    private static Framed framed(Direction side, List<TraceEntry> entries) {
        byte[] bytes = new byte[entries.size()];
        long[] at = new long[entries.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) entries.get(i).value();
            at[i] = entries.get(i).at();
        }
        return new Framed(side, at[0], at[at.length - 1], bytes, at);
    }
}
