package io.klinebench.kwp;

import io.klinebench.car.BodyControlModule;
import io.klinebench.kline.DiagnosticApplication;
import io.klinebench.kline.Reply;
import io.klinebench.time.Clock;

/** Builds the diagnostic application of a model year (placeholder until the services land). */
public final class DiagnosticApplications {

    private DiagnosticApplications() {
    }

    public static DiagnosticApplication forProfile(BodyControlModule car, DiagnosticProfile profile, Clock clock) {
        return (data, now) -> profile.protocol() == DiagnosticProfile.Protocol.KWP2000
                ? Reply.answer((byte) 0x7F, data[0], (byte) 0x11)
                : Reply.answer((byte) 0xB1);
    }
}
