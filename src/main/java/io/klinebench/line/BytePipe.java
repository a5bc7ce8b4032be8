package io.klinebench.line;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A transport that moves stamped bytes, as a real-time end of the K-line needs it (a serial
 * port, a pty): what arrives is stamped with the clock when it was read and handed over on the
 * clock's thread; what is written goes out now. It knows nothing of frames or of K-line
 * timing: recognising a wake-up or a 5-baud address is the K-line layer's job.
 */
public interface BytePipe extends AutoCloseable {

    /** What a read brought, stamped with the clock right after the read returned. */
    sealed interface Arrival {
        long at();

        /** Data bytes, in order. */
        record Bytes(long at, byte[] values) implements Arrival {
            public Bytes {
                values = values.clone();
            }

            @Override
            public byte[] values() {
                return values.clone();
            }
        }

        /** The line was held low (a break), reported by the UART when it went high again. */
        record Break(long at) implements Arrival {}
    }

    /** A name for messages: the port's path. */
    String name();

    /** Opens the port and starts reading; throws with the port's own explanation. */
    void start() throws IOException;

    /** Where arrivals go, on the clock's thread; one listener. */
    void onArrival(Consumer<Arrival> listener);

    /** Writes one byte now. */
    void write(int value) throws IOException;

    /** Holds the line low while {@code on}; false when this port cannot (a pty carries no break). */
    boolean setBreak(boolean on);

    /** Sets this end's baud rate now; false when this port cannot. */
    default boolean setBaud(int baud) {
        return false;
    }

    /** What this transport can tell of the far end's baud rate (a pty whose master we own), if anything. */
    default Optional<BaudEvidence> baudEvidence() {
        return Optional.empty();
    }

    /** Stops reading and closes the port. Never throws. */
    @Override
    void close();
}
