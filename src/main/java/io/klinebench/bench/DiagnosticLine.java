package io.klinebench.bench;

import io.klinebench.car.BodyControlModule;
import io.klinebench.kline.DiagnosticApplication;
import io.klinebench.kline.Ds2EcuLink;
import io.klinebench.kline.Ds2Tester;
import io.klinebench.kline.KwpEcuLink;
import io.klinebench.kline.KwpTester;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.Tester;
import io.klinebench.kwp.DiagnosticApplications;
import io.klinebench.kwp.DiagnosticProfile;
import io.klinebench.line.TraceEntry;
import io.klinebench.serial.VirtualLine;
import io.klinebench.time.Clock;
import java.util.List;
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
    private final DiagnosticApplication application;

    DiagnosticLine(BodyControlModule car, DiagnosticProfile profile, Clock clock, Consumer<LinkEvent> events) {
        this.profile = profile;
        this.line = new VirtualLine(clock, true);
        this.application = DiagnosticApplications.forProfile(car, profile, clock);
        if (profile.protocol() == DiagnosticProfile.Protocol.KWP2000) {
            new KwpEcuLink(clock, line.ecu(), true, profile.ecuAddress(), profile.keyBytes(), profile.kwp(), application, events);
            tester = new KwpTester(clock, line.tester(), true, profile.ecuAddress(), profile.testerAddress(), profile.kwp(), events);
        } else {
            new Ds2EcuLink(clock, line.ecu(), true, profile.ecuAddress(), profile.ds2(), application, events);
            tester = new Ds2Tester(clock, line.tester(), true, profile.ecuAddress(), profile.ds2(), events);
        }
    }

    public DiagnosticProfile profile() {
        return profile;
    }

    public Tester tester() {
        return tester;
    }

    public DiagnosticApplication application() {
        return application;
    }

    /** Every timing rule the trace breaks so far, by either side. */
    public List<io.klinebench.kline.Violation> violations() {
        return profile.protocol() == DiagnosticProfile.Protocol.KWP2000
                ? io.klinebench.kline.TimingValidator.kwp(line.trace(), profile.kwp())
                : io.klinebench.kline.TimingValidator.ds2(line.trace(), profile.ds2());
    }

    /** Every byte on the line, with its sender. */
    public List<TraceEntry> trace() {
        return line.trace();
    }
}
