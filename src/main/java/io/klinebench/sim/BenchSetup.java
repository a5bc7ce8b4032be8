package io.klinebench.sim;

import io.klinebench.bench.Action;
import io.klinebench.bench.CarSetup;
import io.klinebench.car.Profile;
import io.klinebench.protocol.DiagnosticProfile;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A bench setup file (bench-config/setups/NAME.yaml): the car and keys the simulator starts
 * with, the port it sits on, and how the port's modem lines are wired to the car.
 *
 * @param file           where it was read from, for messages
 * @param profile        the profile named by the file, or the caller's fallback
 * @param diagnostics    that profile's diagnostics section
 * @param profileGiven   whether the file named the profile itself
 * @param port           the serial port path, when the file names one
 * @param baud           a baud rate overriding the profile's, when given
 * @param echo           whether the simulator echoes every byte it receives (a virtual pair
 *                       needs it; a real K-line cable echoes by itself)
 * @param car            keys and lock state at the start
 * @param modemLines     the modem-line wiring ({@link ModemMapping#NONE} when there is none)
 * @param faults         faults the module is told to make from the start (the setup's {@code faults}, fault steps' words)
 * @param cable          the K+DCAN cable's switch ({@code cable: 7+8} or {@code 7}) for a car of two
 *                       lines, when the file sets it; empty: the profile's default (7+8)
 */
public record BenchSetup(
        String file,
        Profile profile,
        DiagnosticProfile diagnostics,
        boolean profileGiven,
        Optional<String> port,
        OptionalInt baud,
        boolean echo,
        CarSetup car,
        ModemMapping modemLines,
        List<Action.InjectFault> faults,
        Optional<Action.Cable> cable) {

    public BenchSetup {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(diagnostics, "diagnostics");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(baud, "baud");
        Objects.requireNonNull(car, "car");
        Objects.requireNonNull(modemLines, "modemLines");
        faults = List.copyOf(faults);
        Objects.requireNonNull(cable, "cable");
    }
}
