package io.klinebench.bench;

import java.util.Objects;

/**
 * One key as the bench sets it up before a run.
 *
 * @param id          name used in actions ("A")
 * @param serial      remote serial number, 0 for a plain key without remote
 * @param counter     the remote's counter (last code sent)
 * @param battery     the remote battery's level, 0..1
 * @param transponder immobilizer transponder identity
 * @param authorised  whether the immobilizer knows the transponder
 * @param slot        the receiver slot holding the remote at the start, -1 for none
 * @param carCounter  the counter the car stored for it
 * @param inSync      false when the slot lost its synchronisation before the run
 */
public record KeySpec(
        String id,
        int serial,
        int counter,
        double battery,
        String transponder,
        boolean authorised,
        int slot,
        int carCounter,
        boolean inSync) {

    public KeySpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(transponder, "transponder");
        if (slot >= 0 && serial == 0) {
            throw new IllegalArgumentException("key " + id + " has no remote, so it cannot be in a slot");
        }
    }

    /** A remote key, known to the car in {@code slot}, in sync, full battery, authorised. */
    public static KeySpec remoteKey(String id, int serial, int slot) {
        return new KeySpec(id, serial, 100, 1.0, "T-" + id, true, slot, 100, true);
    }

    /** A key without remote electronics. */
    public static KeySpec plainKey(String id) {
        return new KeySpec(id, 0, 0, 0, "T-" + id, true, -1, 0, true);
    }

    public KeySpec counter(int remoteCounter, int storedByCar) {
        return new KeySpec(id, serial, remoteCounter, battery, transponder, authorised, slot, storedByCar, inSync);
    }

    public KeySpec battery(double level) {
        return new KeySpec(id, serial, counter, level, transponder, authorised, slot, carCounter, inSync);
    }

    public KeySpec transponder(String t, boolean isAuthorised) {
        return new KeySpec(id, serial, counter, battery, t, isAuthorised, slot, carCounter, inSync);
    }

    /** The car's slot lost its synchronisation (the thread's "fob stopped working"). */
    public KeySpec outOfSync() {
        return new KeySpec(id, serial, counter, battery, transponder, authorised, slot, carCounter, false);
    }

    public KeySpec notLearned() {
        return new KeySpec(id, serial, counter, battery, transponder, authorised, -1, carCounter, inSync);
    }

    public boolean hasRemote() {
        return serial != 0;
    }
}
