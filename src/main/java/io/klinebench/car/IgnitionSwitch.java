package io.klinebench.car;

import io.klinebench.fob.Key;
import java.util.Optional;

/**
 * The ignition lock: the key in it, if any, and the position it is turned to (0 off,
 * 1 accessory, 2 run, 3 start). It holds the state; {@link PhysicalInputs} decides what a
 * person may do to it.
 */
final class IgnitionSwitch {

    private Key key;
    private int position;

    Optional<Key> key() {
        return Optional.ofNullable(key);
    }

    boolean hasKey() {
        return key != null;
    }

    int position() {
        return position;
    }

    void insert(Key k) {
        key = k;
    }

    void remove() {
        key = null;
    }

    void turn(int to) {
        position = to;
    }
}
