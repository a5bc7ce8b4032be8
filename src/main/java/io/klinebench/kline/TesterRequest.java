package io.klinebench.kline;

import io.klinebench.line.Bytes;
import java.util.Objects;

/** What a tester asked for, which an answer it receives belongs to: a request's data, or an init. */
public sealed interface TesterRequest {

    /** A request: its data (KWP SID and parameters, DS2 data), or raw bytes as sent. */
    record Frame(Bytes data) implements TesterRequest {
        public Frame {
            Objects.requireNonNull(data, "data");
        }

        /** As people write it: "21 01". */
        @Override
        public String toString() {
            return data.toString();
        }
    }

    /** An init whose answer is not a frame (the 5-baud init's inverted address). */
    record Initialisation(Init init) implements TesterRequest {
        public Initialisation {
            Objects.requireNonNull(init, "init");
        }

        /** As people write it: "5-baud init". */
        @Override
        public String toString() {
            return init.text();
        }
    }

    /** A request of these data bytes. */
    public static TesterRequest of(Bytes data) {
        return new Frame(data);
    }
}
