package io.klinebench.protocol;

import io.klinebench.kline.ModuleSearch;
import java.util.List;
import java.util.Objects;

/**
 * A car with two diagnostic K-lines, as the R50/R53 has them (a profile's {@code
 * diagnostics.lines}): pin 8, the DS2 body line, which carries the body controller (the
 * profile's own module) and {@code pin8}; pin 7, the engine line, with {@code pin7}; and the
 * addresses a tester asks in a module search. A K+DCAN cable hears pin 7; its switch bridges
 * pins 7 and 8 into one wire.
 *
 * @param pin8   the body line's modules besides the body controller
 * @param pin7   the engine line's modules
 * @param search what a tester's module search asks, in order
 * @param timing the lines' timing, which a tester keeps (the response timeout it waits, its
 *     request gap): the body controller's
 */
public record CarLines(
        List<LineModule> pin8,
        List<LineModule> pin7,
        List<ModuleSearch.Probe> search,
        io.klinebench.kline.Ds2Timing timing) {

    public CarLines {
        Objects.requireNonNull(timing, "timing");
        pin8 = List.copyOf(pin8);
        pin7 = List.copyOf(pin7);
        search = List.copyOf(search);
    }

    /** A car with one line and the body controller alone on it (no {@code lines} section). */
    public static CarLines none() {
        return new CarLines(List.of(), List.of(), List.of(), io.klinebench.kline.Ds2Timing.typical());
    }

    public boolean isEmpty() {
        return pin8.isEmpty() && pin7.isEmpty() && search.isEmpty();
    }

    /**
     * The module of either line called {@code name} (as testers call it, "EMS2000").
     *
     * @throws IllegalArgumentException for a name no module of the lines has, saying which there are
     */
    public LineModule module(String name) {
        List<LineModule> all = new java.util.ArrayList<>(pin8);
        all.addAll(pin7);
        for (LineModule m : all) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no module called '" + name + "' on this car's lines; they have "
                + String.join(", ", all.stream().map(LineModule::name).toList()));
    }

    /** What a module on a line is, as far as the simulator models it. */
    public enum Role {
        /** The engine controller: identification and its immobilizer status. */
        ENGINE,
        /** Any other module: it answers its identification. */
        IDENT
    }

    /**
     * One module on a line.
     *
     * @param name           as testers call it ("KOMBI", "EMS2000")
     * @param address        its diagnostic address
     * @param protocol       what it speaks
     * @param role           what the simulator makes it answer
     * @param timing         its own timing values (the response delay its own, the rest the line's)
     * @param identification its IDENT fields
     */
    public record LineModule(
            String name,
            int address,
            ModuleSearch.Kind protocol,
            Role role,
            io.klinebench.kline.Ds2Timing timing,
            java.util.Map<String, String> identification) {
        public LineModule {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(timing, "timing");
            identification = java.util.Map.copyOf(identification);
            if (address < 0 || address > 0xFF) {
                throw new IllegalArgumentException("an address is a byte, 00..FF");
            }
        }
    }
}
