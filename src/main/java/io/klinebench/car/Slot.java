package io.klinebench.car;

/**
 * One remote slot of the receiver, as the module stores it.
 *
 * @param index       slot number, from 0
 * @param serial      the remote's serial number (its "base code")
 * @param deviceKey   the key its codes are checked with (its "cipher key")
 * @param counter     the last accepted counter (its "window code")
 * @param sync        whether codes from it are checked normally
 * @param pendingCounter  while {@code sync} is RESYNC_PENDING: the code waiting for its successor
 * @param lastLowBattery  the low-voltage flag of its last code
 */
public record Slot(
        int index, int serial, long deviceKey, int counter, Sync sync, int pendingCounter, boolean lastLowBattery) {

    public enum Sync {
        /** Codes within the windows are accepted. */
        IN_SYNC,
        /** A code beyond the single-code window arrived; the next one must follow it. */
        RESYNC_PENDING,
        /** Lost (car battery disconnected): nothing is accepted until the ritual. */
        LOST
    }

    Slot withCounter(int newCounter, boolean lowBattery) {
        return new Slot(index, serial, deviceKey, newCounter & 0xFFFF, Sync.IN_SYNC, 0, lowBattery);
    }

    Slot pending(int received, boolean lowBattery) {
        return new Slot(index, serial, deviceKey, counter, Sync.RESYNC_PENDING, received, lowBattery);
    }

    Slot lost() {
        return new Slot(index, serial, deviceKey, counter, Sync.LOST, 0, lastLowBattery);
    }

    @Override
    public String toString() {
        return String.format("Slot[%d: serial=%07X, counter=%d, %s]", index, serial, counter, sync);
    }
}
