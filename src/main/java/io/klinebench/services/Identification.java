package io.klinebench.services;

import java.util.Map;

/**
 * The module's identification record, the same 12 bytes in both personalities (DS2 IDENT
 * after the status byte; KWP2000 {@code 1A 80} after {@code 5A 80}). The layout is the one of
 * the real body-module answer (domain notes, [trace]):
 *
 * <pre>
 *  00 10 A0 | 88 36 94 83 | 14 | 03 | 02 | 00 | 09 | 96 | 02 | 13 | 82
 *  addr len st  part number  hw  cod  diag bus  week year sup  sw   chk
 *              (8 BCD digits)
 * </pre>
 *
 * Profile keys under {@code diagnostics.identification}: {@code part-number} (digits, spaces
 * allowed, at most 8, right-aligned with leading zeros), and two hex digits each for
 * {@code hardware}, {@code coding-index}, {@code diag-index}, {@code bus-index},
 * {@code week}, {@code year}, {@code supplier}, {@code software}. A key left out reads as
 * {@link #DEFAULTS} says.
 */
public final class Identification {

    /** Values for keys a profile leaves out ([assumption]: "not given", FF = unknown supplier in BC1's table). */
    public static final Map<String, String> DEFAULTS = Map.of(
            "part-number",
            "0",
            "hardware",
            "00",
            "coding-index",
            "00",
            "diag-index",
            "01",
            "bus-index",
            "00",
            "week",
            "01",
            "year",
            "00",
            "supplier",
            "FF",
            "software",
            "00");

    private static final String[] BYTE_FIELDS = {
        "hardware", "coding-index", "diag-index", "bus-index", "week", "year", "supplier", "software"
    };

    public static final int LENGTH = 12;

    private Identification() {}

    /**
     * The 12 bytes.
     *
     * @throws IllegalArgumentException naming the field that does not fit
     */
    public static byte[] encode(Map<String, String> fields) {
        byte[] out = new byte[LENGTH];
        String part = value(fields, "part-number").replace(" ", "");
        if (!part.matches("[0-9]{1,8}")) {
            throw new IllegalArgumentException("identification.part-number: up to 8 digits, not '" + part + "'");
        }
        String digits = "0".repeat(8 - part.length()) + part;
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        for (int i = 0; i < BYTE_FIELDS.length; i++) {
            String v = value(fields, BYTE_FIELDS[i]);
            if (!v.matches("[0-9A-Fa-f]{2}")) {
                throw new IllegalArgumentException(
                        "identification." + BYTE_FIELDS[i] + ": two hex digits, not '" + v + "'");
            }
            out[4 + i] = (byte) Integer.parseInt(v, 16);
        }
        return out;
    }

    /** The text of a field as the profile gives it, or its default. */
    public static String value(Map<String, String> fields, String key) {
        String v = fields.get(key);
        return v != null ? v.trim() : DEFAULTS.get(key);
    }
}
