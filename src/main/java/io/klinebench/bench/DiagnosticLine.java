package io.klinebench.bench;

import io.klinebench.car.BodyControlModule;
import io.klinebench.kline.DiagnosticApplication;
import io.klinebench.kline.Ds2EcuLink;
import io.klinebench.kline.Ds2Tester;
import io.klinebench.kline.KwpEcuLink;
import io.klinebench.kline.KwpTester;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.Tester;
import io.klinebench.kline.TimingValidator;
import io.klinebench.kline.Violation;
import io.klinebench.line.Hex;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.TraceEntry;
import io.klinebench.line.VirtualLine;
import io.klinebench.services.DiagnosticApplications;
import io.klinebench.services.DiagnosticProfile;
import io.klinebench.services.SecurityAccess;
import io.klinebench.time.Clock;
import io.klinebench.time.Durations;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The car's K-line on the bench: an in-memory line with echo, the module's link layer and
 * diagnostic application on one end, the bench's tester on the other. Everything runs on
 * the bench's clock.
 */
public final class DiagnosticLine {

    private final DiagnosticProfile profile;
    private final VirtualLine line;
    private final Tester tester;
    private final BooleanSupplier ecuAwaitingInit;
    private final DiagnosticApplication application;
    private final Clock clock;
    private Boolean unlockWithWrongKey;

    DiagnosticLine(BodyControlModule car, DiagnosticProfile profile, Clock clock, Consumer<LinkEvent> sink) {
        this(car, profile, clock, sink, null, true);
    }

    /**
     * With {@code ecuEnd} null: the bench's in-memory line with echo and its tester. Otherwise the
     * module's link layer goes on {@code ecuEnd} (a serial port, a pty) and there is no bench
     * tester: the tester is whoever is on the other end.
     *
     * @param lineEchoes whether {@code ecuEnd} hears its own bytes (a real K-line does; a pty does not)
     */
    DiagnosticLine(
            BodyControlModule car,
            DiagnosticProfile profile,
            Clock clock,
            Consumer<LinkEvent> sink,
            LineEndpoint ecuEnd,
            boolean lineEchoes) {
        this.profile = profile;
        this.clock = clock;
        Consumer<LinkEvent> events = e -> {
            sink.accept(e);
            if (e instanceof LinkEvent.TesterReceived r) {
                answerSeed(r);
            }
        };
        this.line = ecuEnd == null ? new VirtualLine(clock, true) : null;
        LineEndpoint ecu = ecuEnd == null ? line.ecu() : ecuEnd;
        boolean echoes = ecuEnd == null || lineEchoes;
        this.application = DiagnosticApplications.forProfile(car, profile, clock);
        if (profile.protocol() == DiagnosticProfile.Protocol.KWP2000) {
            KwpEcuLink link = new KwpEcuLink(
                            clock,
                            ecu,
                            echoes,
                            profile.ecuAddress(),
                            profile.keyBytes(),
                            profile.kwp(),
                            application,
                            events)
                    .lenientInitTiming(ecuEnd != null);
            ecuAwaitingInit = link::awaitingInit;
            tester = line == null
                    ? null
                    : new KwpTester(
                            clock,
                            line.tester(),
                            true,
                            profile.ecuAddress(),
                            profile.testerAddress(),
                            profile.kwp(),
                            events);
        } else {
            new Ds2EcuLink(clock, ecu, echoes, profile.ecuAddress(), profile.ds2(), application, events);
            ecuAwaitingInit = () -> false;
            tester = line == null
                    ? null
                    : new Ds2Tester(clock, line.tester(), true, profile.ecuAddress(), profile.ds2(), events);
        }
    }

    /** True while the module's link layer waits for an init (never for DS2, which has none). Clock thread only. */
    public boolean ecuAwaitingInit() {
        return ecuAwaitingInit.getAsBoolean();
    }

    public DiagnosticProfile profile() {
        return profile;
    }

    public Tester tester() {
        if (tester == null) {
            throw new IllegalStateException("the K-line is on a port: the tester is whoever is connected to it");
        }
        return tester;
    }

    public DiagnosticApplication application() {
        return application;
    }

    /**
     * Security access as a tester does it: the seed request now; when the seed arrives, the
     * key from the documented algorithm ({@link io.klinebench.services.SecurityAccess#keyFor}), or
     * its complement, P3min + 5 ms (DS2: the request gap + 5 ms) after the answer.
     */
    void unlock(boolean wrongKey) {
        unlockWithWrongKey = wrongKey;
        tester().send(kwp() ? new byte[] {0x27, 0x01} : new byte[] {0x01, 0x01});
    }

    private void answerSeed(LinkEvent.TesterReceived r) {
        Boolean wrong = unlockWithWrongKey;
        if (wrong == null || !r.request().equals(kwp() ? "27 01" : "01 01")) {
            return;
        }
        unlockWithWrongKey = null;
        byte[] d = Hex.parse(r.data());
        boolean positive = kwp() ? d.length == 4 && (d[0] & 0xFF) == 0x67 : d.length == 3 && (d[0] & 0xFF) == 0xA0;
        if (!positive) {
            return; // refused (locked out, wrong session...): the answer is on the timeline
        }
        int seed = (d[d.length - 2] & 0xFF) << 8 | (d[d.length - 1] & 0xFF);
        if (seed == SecurityAccess.UNLOCKED_SEED) {
            return; // already unlocked
        }
        int key = SecurityAccess.keyFor(seed) ^ (wrong ? 0xFFFF : 0);
        long gap = (kwp() ? profile.kwp().p3Min() : profile.ds2().minRequestGap()) + 5 * Durations.MS;
        byte[] request = kwp()
                ? new byte[] {0x27, 0x02, (byte) (key >> 8), (byte) key}
                : new byte[] {0x01, 0x02, (byte) (key >> 8), (byte) key};
        clock.schedule(r.at() + gap, () -> tester.send(request));
    }

    private boolean kwp() {
        return profile.protocol() == DiagnosticProfile.Protocol.KWP2000;
    }

    /** Every timing rule the trace breaks so far, by either side. */
    public List<Violation> violations() {
        return profile.protocol() == DiagnosticProfile.Protocol.KWP2000
                ? TimingValidator.kwp(line.trace(), profile.kwp())
                : TimingValidator.ds2(line.trace(), profile.ds2());
    }

    /** Every byte on the line, with its sender. */
    public List<TraceEntry> trace() {
        return line == null ? List.of() : line.trace();
    }
}
