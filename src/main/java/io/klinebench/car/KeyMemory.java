package io.klinebench.car;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Car and key memory: comfort settings (audio source, air conditioning...) stored per
 * remote and applied when that remote unlocks the car. Unlocking any other way (console,
 * key in the door) makes the car "unidentified" and applies that identity's settings: the
 * owners' "multiple personalities".
 */
final class KeyMemory {

    static final String UNIDENTIFIED = "unidentified";

    private final Map<String, Map<String, String>> byIdentity = new HashMap<>();
    private String current = UNIDENTIFIED;

    /** The identity whose settings are active; settings changed now are stored under it. */
    String current() {
        return current;
    }

    /** Makes {@code identity} current and returns its stored settings. */
    Map<String, String> activate(String identity) {
        current = identity;
        return settingsOf(identity);
    }

    void change(String name, String value) {
        byIdentity.computeIfAbsent(current, k -> new LinkedHashMap<>()).put(name, value);
    }

    Map<String, String> settingsOf(String identity) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(byIdentity.getOrDefault(identity, Map.of())));
    }

    static String identityOf(int serial) {
        return String.format("%07X", serial);
    }
}
