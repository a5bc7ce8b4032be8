package io.klinebench.kline;

import io.klinebench.time.Durations;

/**
 * A fault the module's end of the line is told to make in one answer, on purpose: what breaks
 * a diagnostic tool in the field (a slow module, a stall inside a frame, a byte lost to noise,
 * a wrong checksum, an answer that never comes). Injected faults are said as such
 * ({@link LinkEvent.FaultInjected}), so a report never takes them for the module's own timing.
 */
public sealed interface Fault {

    /** The words a sequence step and the console use for it ("late 100ms", "drop-byte 2"). */
    String text();

    /** The answer's first byte {@code nanos} later than the module's own P2 would put it. */
    record Late(long nanos) implements Fault {
        public Late {
            if (nanos <= 0) {
                throw new IllegalArgumentException("a late answer needs a delay above 0");
            }
        }

        @Override
        public String text() {
            return "late " + Durations.format(nanos);
        }
    }

    /** After the answer's byte number {@code afterByte} (from 1), a pause of {@code nanos} more than P1. */
    record Stall(int afterByte, long nanos) implements Fault {
        public Stall {
            if (afterByte < 1 || nanos <= 0) {
                throw new IllegalArgumentException("a stall needs a byte number from 1 and a pause above 0");
            }
        }

        @Override
        public String text() {
            return "stall " + afterByte + " " + Durations.format(nanos);
        }
    }

    /** The answer's byte number {@code index} (from 1) is not sent, as if noise swallowed it. */
    record DropByte(int index) implements Fault {
        public DropByte {
            if (index < 1) {
                throw new IllegalArgumentException("bytes are numbered from 1");
            }
        }

        @Override
        public String text() {
            return "drop-byte " + index;
        }
    }

    /** The answer's byte number {@code index} (from 1) with the bits of {@code mask} flipped (noise). */
    record FlipByte(int index, int mask) implements Fault {
        public FlipByte {
            if (index < 1 || mask < 1 || mask > 0xFF) {
                throw new IllegalArgumentException("a flip needs a byte number from 1 and a mask 01..FF");
            }
        }

        @Override
        public String text() {
            return String.format("flip-byte %d %02X", index, mask);
        }
    }

    /** A byte {@code value} put in before the answer's byte number {@code index} (from 1), a gap after the one before. */
    record InsertByte(int index, int value) implements Fault {
        public InsertByte {
            if (index < 1 || value < 0 || value > 0xFF) {
                throw new IllegalArgumentException("an insert needs a byte number from 1 and a value 00..FF");
            }
        }

        @Override
        public String text() {
            return String.format("insert-byte %d %02X", index, value);
        }
    }

    /** The whole answer sent a second time, as long after the first as the first came after the request. */
    record Twice() implements Fault {
        @Override
        public String text() {
            return "twice";
        }
    }

    /**
     * The byte that names the answer's sender (KWP2000: the header's source address; DS2: the
     * address byte) replaced by {@code address}, as if another module answered; the checksum
     * still fits, so only the address tells.
     */
    record WrongSource(int address) implements Fault {
        public WrongSource {
            if (address < 0 || address > 0xFF) {
                throw new IllegalArgumentException("an address is a byte, 00..FF");
            }
        }

        @Override
        public String text() {
            return String.format("wrong-source %02X", address);
        }
    }

    /** The answer's checksum with every bit flipped: always wrong. */
    record BadChecksum() implements Fault {
        @Override
        public String text() {
            return "bad-checksum";
        }
    }

    /**
     * KWP2000: {@code times} responsePending answers ({@code 7F SID 78}) before the real one, each
     * P2 after the previous frame, as a module that keeps asking for more time does. DS2 has no
     * such answer.
     */
    record Pending(int times) implements Fault {
        public Pending {
            if (times < 1) {
                throw new IllegalArgumentException("pending needs a count from 1");
            }
        }

        @Override
        public String text() {
            return "pending " + times;
        }
    }

    /** No answer at all: the module took the request and stays silent. */
    record Silent() implements Fault {
        @Override
        public String text() {
            return "silent";
        }
    }
}
