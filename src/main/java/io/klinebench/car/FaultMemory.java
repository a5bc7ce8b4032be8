package io.klinebench.car;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The module's fault memory (non-volatile: it survives an ECU reset and a car-battery
 * disconnection). Faults are set by what the model does, never by a test directly: a learn
 * aborted, a code refused, power restored after a loss...
 *
 * <p>Each entry keeps whether the fault is present now or only stored, how often it
 * occurred, when first and last (clock time), and its age in ignition cycles (KL15 on) since
 * it last occurred, as BC1 counts fault age in "AUX cycles". An event fault is present from
 * its occurrence until the next ignition-on, then stored. A condition fault (receiver not
 * coded) is present while its condition holds and stored once it is healed; clearing the
 * memory while the condition still holds brings it back at once.
 */
public final class FaultMemory {

    /** Whether a fault is an occurrence or a lasting condition. */
    public enum Kind {
        EVENT,
        CONDITION
    }

    /** The faults the model sets, with our 16-bit DTC numbers (firmware-notes/diagnostics.md). */
    public enum Fault {
        RECEIVER_NOT_CODED(0x9301, Kind.CONDITION, "receiver module not coded to this car"),
        LEARN_ABORTED(0x9302, Kind.EVENT, "ritual aborted after the ignition cycles"),
        LEARN_WINDOW_TIMEOUT(0x9303, Kind.EVENT, "learn window closed with no remote learned"),
        GESTURE_FAILED(0x9304, Kind.EVENT, "remote gesture failed"),
        REMOTE_BATTERY_LOW(0x9305, Kind.EVENT, "remote reported a low battery"),
        CODE_OUT_OF_SYNC(0x9306, Kind.EVENT, "remote code refused: rolling code out of sync (old or replayed)"),
        REMOTE_NOT_SYNCHRONISED(0x9307, Kind.EVENT, "remote code refused: slot lost its synchronisation"),
        UNKNOWN_REMOTE(0x9308, Kind.EVENT, "remote code refused: unknown remote or invalid code"),
        CAR_BATTERY_LOST(0x9309, Kind.EVENT, "supply voltage lost (car battery disconnected)"),
        DIAGNOSTIC_LEARN_TIMEOUT(0x930A, Kind.EVENT, "diagnostic remote learn timed out"),
        CODING_REFUSED(0x930B, Kind.EVENT, "receiver coding refused: VIN does not match");

        private final int dtc;
        private final Kind kind;
        private final String description;

        Fault(int dtc, Kind kind, String description) {
            this.dtc = dtc;
            this.kind = kind;
            this.description = description;
        }

        /** The 16-bit diagnostic trouble code. */
        public int dtc() {
            return dtc;
        }

        public Kind kind() {
            return kind;
        }

        public String description() {
            return description;
        }

        public static Optional<Fault> ofDtc(int dtc) {
            for (Fault f : values()) {
                if (f.dtc == dtc) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    public enum Status {
        PRESENT,
        STORED
    }

    /**
     * One stored fault.
     *
     * @param occurrences how often it occurred since the memory was last cleared
     * @param firstAt     clock time of the first occurrence
     * @param lastAt      clock time of the last occurrence
     * @param age         ignition cycles (KL15 on) since the last occurrence
     */
    public record Entry(Fault fault, Status status, int occurrences, long firstAt, long lastAt, int age) {
        public boolean present() {
            return status == Status.PRESENT;
        }
    }

    private final Map<Fault, Entry> entries = new EnumMap<>(Fault.class);

    /** Every stored fault, in DTC order. */
    public List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    public Optional<Entry> entry(Fault fault) {
        return Optional.ofNullable(entries.get(fault));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** An occurrence: present now, counted. */
    void set(Fault fault, long now) {
        Entry e = entries.get(fault);
        entries.put(
                fault,
                e == null
                        ? new Entry(fault, Status.PRESENT, 1, now, now, 0)
                        : new Entry(fault, Status.PRESENT, e.occurrences() + 1, e.firstAt(), now, 0));
    }

    /** A condition fault's condition went away: it stays stored. */
    void heal(Fault fault) {
        Entry e = entries.get(fault);
        if (e != null && e.present()) {
            entries.put(fault, new Entry(fault, Status.STORED, e.occurrences(), e.firstAt(), e.lastAt(), e.age()));
        }
    }

    /** Ignition on (a new driving cycle): event faults become stored; every entry ages by one. */
    void ignitionOn() {
        entries.replaceAll((f, e) -> new Entry(
                f,
                f.kind() == Kind.EVENT ? Status.STORED : e.status(),
                e.occurrences(),
                e.firstAt(),
                e.lastAt(),
                Math.min(e.age() + 1, Integer.MAX_VALUE - 1)));
    }

    /** Empties the memory; returns how many entries there were. */
    int clear() {
        int n = entries.size();
        entries.clear();
        return n;
    }

    /** Replaces the whole memory with saved entries (a state file). */
    void restore(List<Entry> saved) {
        entries.clear();
        for (Entry e : saved) {
            if (entries.put(e.fault(), e) != null) {
                throw new IllegalArgumentException("fault " + e.fault() + " appears twice");
            }
        }
    }
}
