package io.klinebench.replay;

import io.klinebench.line.Hex;
import java.util.Objects;

/** The data of an answer to one request: recorded bytes, or (ediabaslib) bytes computed from the request. */
public interface AnswerData {

    /** The answer's data for {@code request} (its data, as the pattern matched it). */
    byte[] forRequest(byte[] request);

    /** As a person reads it in an event: the hex, or the written expression. */
    String text();

    /** The same bytes whatever the request. */
    static AnswerData of(byte[] data) {
        return new Constant(data);
    }

    /** Recorded bytes. */
    record Constant(byte[] data) implements AnswerData {
        public Constant {
            Objects.requireNonNull(data, "data");
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public byte[] forRequest(byte[] request) {
            return data.clone();
        }

        @Override
        public String text() {
            return Hex.of(data);
        }
    }
}
