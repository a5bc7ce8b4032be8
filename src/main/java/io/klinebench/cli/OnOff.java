package io.klinebench.cli;

import java.util.Locale;

/** "on" / "off" option values. */
final class OnOff {

    private OnOff() {}

    /** True for "on", false for "off", null for anything else. */
    static Boolean parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on" -> Boolean.TRUE;
            case "off" -> Boolean.FALSE;
            default -> null;
        };
    }
}
