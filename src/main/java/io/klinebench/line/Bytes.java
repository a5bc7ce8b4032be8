package io.klinebench.line;

import java.util.Arrays;

/**
 * Bytes on the wire as a value: immutable, equal by content, and shown as people write them
 * ({@code 83 F1 11 C1 EF 8F C4}). Events carry these, never hex text that someone must parse back.
 */
public final class Bytes {

    private final byte[] values;

    private Bytes(byte[] values) {
        this.values = values;
    }

    /** A copy of {@code values}. */
    public static Bytes of(byte... values) {
        return new Bytes(values.clone());
    }

    /** A copy of {@code values[from..to)}. */
    public static Bytes of(byte[] values, int from, int to) {
        return new Bytes(Arrays.copyOfRange(values, from, to));
    }

    /** Reads "83 F1 11", "83F111" or "0x83 0xF1" ({@link Hex#parse}). */
    public static Bytes parse(String hex) {
        return new Bytes(Hex.parse(hex));
    }

    public int length() {
        return values.length;
    }

    /** Byte {@code i}, 0..255. */
    public int get(int i) {
        return values[i] & 0xFF;
    }

    /** A copy, to work on. */
    public byte[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(values, b.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    /** Hex, a space between bytes: "C1 EF 8F". */
    @Override
    public String toString() {
        return Hex.of(values);
    }
}
