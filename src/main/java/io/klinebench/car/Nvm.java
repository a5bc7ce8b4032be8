package io.klinebench.car;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The module's non-volatile memory as a value: what survives a power loss and what a state
 * file keeps between runs ({@link NonVolatileMemory#snapshot()}, {@link NonVolatileMemory#restore(Nvm)}).
 *
 * <p>Volatile state (cycle count, learn window, ignition, doors, a diagnostic learn) is not
 * here. Key memory and the immobilizer's transponder list are not kept (yet): a restored car
 * starts with the bench's set-up for them.
 *
 * @param profile       the profile the memory belongs to (its name)
 * @param slotCount     how many slots the receiver has
 * @param slots         the slots holding a remote, by index
 * @param receiverCoded whether the receiver module is coded to this car
 * @param vin           the car's identity, or null when it was never set
 * @param faults        the fault memory, one entry per fault
 * @param security      the security-access memory
 */
public record Nvm(
        String profile,
        int slotCount,
        List<SlotState> slots,
        boolean receiverCoded,
        String vin,
        List<FaultMemory.Entry> faults,
        Security security) {

    public Nvm {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(security, "security");
        slots = List.copyOf(slots);
        faults = List.copyOf(faults);
        if (slotCount < 1 || slotCount > 64) {
            throw new IllegalArgumentException("slot count must be 1..64, not " + slotCount);
        }
        Set<Integer> indexes = new HashSet<>();
        Set<Integer> serials = new HashSet<>();
        for (SlotState s : slots) {
            if (s.index() >= slotCount) {
                throw new IllegalArgumentException(
                        "slot " + s.index() + " does not exist: the module has slots 0.." + (slotCount - 1));
            }
            if (!indexes.add(s.index())) {
                throw new IllegalArgumentException("slot " + s.index() + " appears twice");
            }
            if (!serials.add(s.serial())) {
                throw new IllegalArgumentException(String.format("remote %07X is in two slots", s.serial()));
            }
        }
        Set<FaultMemory.Fault> seen = new HashSet<>();
        for (FaultMemory.Entry e : faults) {
            if (!seen.add(Objects.requireNonNull(e, "fault entry").fault())) {
                throw new IllegalArgumentException("fault " + e.fault() + " appears twice");
            }
        }
    }

    /**
     * One occupied slot (its device key is derived from the serial, as the module does).
     *
     * @param pendingCounter while {@code sync} is RESYNC_PENDING, the code waiting for its successor; else 0
     */
    public record SlotState(
            int index, int serial, int counter, Slot.Sync sync, int pendingCounter, boolean lowBattery) {
        public SlotState {
            Objects.requireNonNull(sync, "sync");
            if (index < 0) {
                throw new IllegalArgumentException("slot index must not be negative, not " + index);
            }
            if (serial <= 0 || serial > 0x0FFF_FFFF) {
                throw new IllegalArgumentException(
                        "remote serial must be 1..0x0FFFFFFF, not 0x" + Integer.toHexString(serial));
            }
            if (counter < 0 || counter > 0xFFFF || pendingCounter < 0 || pendingCounter > 0xFFFF) {
                throw new IllegalArgumentException(
                        "counters must be 0..65535, not " + counter + " and " + pendingCounter);
            }
        }

        static SlotState of(Slot s) {
            return new SlotState(s.index(), s.serial(), s.counter(), s.sync(), s.pendingCounter(), s.lastLowBattery());
        }
    }

    /**
     * The security-access memory. An unpowered module counts no time, so a lockout delay is
     * kept as the time it had left; restored, it runs again from the restore, and no shorter
     * than {@code restartNanos} (as at any power-on with a delay pending).
     *
     * @param failedAttempts      wrong keys since the last lockout
     * @param delayPending        a lockout delay was running (or pending, for a module without power)
     * @param delayRemainingNanos what was left of it in clock time; 0 when none ran
     * @param restartNanos        the delay a start of the module imposes while one is pending
     * @param seedsIssued         the seed source's running counter
     */
    public record Security(
            int failedAttempts, boolean delayPending, long delayRemainingNanos, long restartNanos, long seedsIssued) {
        public Security {
            if (failedAttempts < 0 || delayRemainingNanos < 0 || restartNanos < 0 || seedsIssued < 0) {
                throw new IllegalArgumentException("security memory values must not be negative");
            }
        }
    }
}
