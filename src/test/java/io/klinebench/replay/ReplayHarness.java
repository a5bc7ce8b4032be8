package io.klinebench.replay;

import static io.klinebench.time.Durations.S;

import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.Init;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.Tester;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.TraceEntry;
import io.klinebench.line.VirtualLine;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.time.Event;
import io.klinebench.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;

/**
 * A replay module on the bench's in-memory line in virtual time, with the profile's own link
 * layer and the bench's tester on the other end: what a request gets back, and when.
 */
final class ReplayHarness {

    final VirtualClock clock = new VirtualClock();
    final VirtualLine line = new VirtualLine(clock, true);
    final List<Event> events = new ArrayList<>();
    final DiagnosticProfile profile;
    private final Tester tester;

    ReplayHarness(String profileName, ReplayScript script, ReplayOptions options) throws Exception {
        profile = ProfileCatalog.builtIn().loadDiagnostics(profileName);
        profile.protocol()
                .ecuLink(
                        clock,
                        line.ecu(),
                        LineConditions.bench(),
                        profile.ecuAddress(),
                        new ReplayApplication(script, profile.protocol(), options, events::add),
                        events::add);
        tester = profile.protocol()
                .tester(clock, line.tester(), LineConditions.bench(), profile.ecuAddress(), events::add);
        clock.advanceBy(S);
        if (!profile.protocol().inits().isEmpty()) {
            tester.init(Init.FAST);
            clock.advanceBy(S);
        }
    }

    /** Sends {@code hex} and lets a second pass: the answer's data as the tester got it, or null for none. */
    String ask(String hex) {
        int before = received().size();
        tester.send(Hex.parse(hex));
        clock.advanceBy(S);
        List<LinkEvent.TesterReceived> got = received();
        return got.size() > before ? got.get(got.size() - 1).data().toString() : null;
    }

    List<LinkEvent.TesterReceived> received() {
        return events.stream()
                .filter(e -> e instanceof LinkEvent.TesterReceived)
                .map(e -> (LinkEvent.TesterReceived) e)
                .toList();
    }

    <T extends Event> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The last request's last byte and the module's bytes after it, by instant. */
    long lastRequestEnd() {
        List<TraceEntry> t = line.trace();
        long end = -1;
        for (TraceEntry e : t) {
            if (e.from() == Direction.TESTER && e.kind() == TraceEntry.Kind.BYTE) {
                end = e.at();
            }
        }
        return end;
    }

    List<Long> ecuBytesAfter(long at) {
        return line.trace().stream()
                .filter(e -> e.from() == Direction.ECU && e.at() > at)
                .map(TraceEntry::at)
                .toList();
    }
}
