package io.klinebench.services;

import io.klinebench.car.BodyControlModule;
import io.klinebench.kline.DiagnosticApplication;
import io.klinebench.time.Clock;
import java.util.Objects;

/**
 * Builds the diagnostic application a profile's {@code diagnostics} section asks for, over a
 * module: {@link Ds2Services} (R50/R53 BC1) or {@link KwpServices} (R56 CAS).
 *
 * <pre>{@code
 * Profile profile = catalog.load(name);
 * DiagnosticProfile diag = catalog.loadDiagnostics(name);
 * BodyControlModule car = new BodyControlModule(profile, clock);
 * car.setVin(diag.vin());
 * DiagnosticApplication app = DiagnosticApplications.forProfile(car, diag, clock);
 * }</pre>
 *
 * Build one application per module and keep it for the module's life (the link layer's
 * session begins and ends through {@link DiagnosticApplication#sessionStarted}/
 * {@link DiagnosticApplication#sessionEnded}). Security lockouts are kept in the module
 * itself, so a second application over the same module sees them too.
 */
public final class DiagnosticApplications {

    private DiagnosticApplications() {}

    /**
     * The application for {@code diag}'s protocol. It leaves the car as it is: whoever
     * assembles the car tells it its VIN.
     */
    public static DiagnosticApplication forProfile(BodyControlModule car, DiagnosticProfile diag) {
        Objects.requireNonNull(car, "car");
        Objects.requireNonNull(diag, "diag");
        return switch (diag.protocol()) {
            case DS2 -> new Ds2Services(car, diag);
            case KWP2000 -> new KwpServices(car, diag);
        };
    }

    /**
     * The same, checking that {@code clock} is the module's: the application runs on the car's
     * clock thread and times nothing of its own.
     *
     * @throws IllegalArgumentException when the clocks differ
     */
    public static DiagnosticApplication forProfile(BodyControlModule car, DiagnosticProfile diag, Clock clock) {
        if (clock != car.clock()) {
            throw new IllegalArgumentException("the application must run on the module's clock");
        }
        return forProfile(car, diag);
    }
}
