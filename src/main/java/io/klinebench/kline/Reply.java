package io.klinebench.kline;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the application layer makes of one request: data to send back, nothing, or (KWP)
 * "responsePending" now and the real answer later, or an answer with its own timing. The link
 * layer frames and times it.
 */
public sealed interface Reply {

    /**
     * Response data: SID+0x40 and parameters, {@code 7F SID NRC}, or a DS2 status and data.
     *
     * @param why for a refusal, its reason in words ("invalid key"), which a DS2 status byte
     *            cannot carry; empty for a positive answer
     */
    record Answer(byte[] data, String why) implements Reply {
        public Answer {
            data = data.clone();
            Objects.requireNonNull(why, "why");
        }

        public Answer(byte[] data) {
            this(data, "");
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /**
     * The answer takes {@code delayNanos}: the link sends {@code 7F SID 78} at P2, then calls
     * {@code then} when the delay has passed and sends what it returns (within P2*max).
     */
    record Pending(long delayNanos, Supplier<Reply> then) implements Reply {}

    /**
     * An answer at its own instants ({@link Pace}) instead of the link's P2 and inter-byte gap: a
     * replayed recording's timing. The link frames it as any answer.
     */
    record Paced(Answer answer, Pace pace) implements Reply {
        public Paced {
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(pace, "pace");
        }
    }

    /** No answer at all. */
    record Silence() implements Reply {}

    static Reply answer(byte... data) {
        return new Answer(data);
    }

    /** A refusal: {@code data} as the protocol encodes it, and the reason in words. */
    static Reply refusal(byte[] data, String why) {
        return new Answer(data, why);
    }

    static Reply silence() {
        return new Silence();
    }
}
