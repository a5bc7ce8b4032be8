package io.klinebench.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The car and its keys at the start of a run.
 *
 * @param locked          whether the car starts locked
 * @param receiverCoded   false for a receiver module that was replaced and never coded
 * @param keys            the keys on the bench
 */
public record CarSetup(boolean locked, boolean receiverCoded, List<KeySpec> keys) {

    public CarSetup {
        keys = List.copyOf(keys);
        List<String> seen = new ArrayList<>();
        for (KeySpec k : keys) {
            if (seen.contains(k.id())) {
                throw new IllegalArgumentException("two keys are called " + k.id());
            }
            seen.add(k.id());
        }
    }

    public static CarSetup of(KeySpec... keys) {
        return new CarSetup(true, true, List.of(keys));
    }

    public CarSetup unlocked() {
        return new CarSetup(false, receiverCoded, keys);
    }
}
