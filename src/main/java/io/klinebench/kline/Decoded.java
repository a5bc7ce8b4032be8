package io.klinebench.kline;

import io.klinebench.line.Hex;

/**
 * What a frame decoder makes of the bytes it is fed: a whole frame, or bytes it dropped and
 * why. Times are those of the first and last byte.
 */
public sealed interface Decoded<F> {

    long firstAt();

    long lastAt();

    byte[] raw();

    /** A whole frame; {@code longestGap} the longest time between two of its bytes (0 for one byte). */
    record Frame<F>(F frame, byte[] raw, long firstAt, long lastAt, long longestGap) implements Decoded<F> {
        @Override
        public String toString() {
            return "Frame[" + Hex.of(raw) + "]";
        }
    }

    record Dropped<F>(Reason reason, byte[] raw, long firstAt, long lastAt) implements Decoded<F> {
        /**
         * Why these bytes were dropped, for a person; {@code limit} is the longest gap the
         * decoder allowed between two bytes of a frame, in words ("35ms (10ms allowed, ...)").
         */
        public String why(String limit) {
            return switch (reason) {
                case BAD_CHECKSUM -> "its checksum is wrong";
                case INTER_BYTE_TIMEOUT ->
                    "cut off after " + raw.length + (raw.length == 1 ? " byte" : " bytes") + ": no next byte within "
                            + limit;
                case BAD_LENGTH -> "its length byte cannot be";
                case RESYNC -> "bytes right after a bad frame, with no pause, dropped until the line went quiet";
            };
        }

        @Override
        public String toString() {
            return "Dropped[" + reason + ": " + Hex.of(raw) + "]";
        }
    }

    /** Why bytes were dropped. */
    enum Reason {
        /** The checksum did not match; the decoder re-synchronises one byte later. */
        BAD_CHECKSUM,
        /** A gap between two bytes of a frame was longer than allowed: a truncated frame. */
        INTER_BYTE_TIMEOUT,
        /** The length field cannot be (0, or shorter than a DS2 telegram). */
        BAD_LENGTH,
        /** Bytes that followed a bad frame without a pause, dropped until the line went idle. */
        RESYNC
    }
}
