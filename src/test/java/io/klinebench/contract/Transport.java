package io.klinebench.contract;

import io.klinebench.kline.Init;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.sim.PortTester;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Event;
import io.klinebench.time.Uncertainty;
import java.util.List;
import java.util.function.Predicate;

/**
 * One transport the {@link TransportContract} runs over: the simulated module on one end of a
 * K-line, a tester on the other, and what each end saw. Three of them: the bench's in-memory
 * line in virtual time, a pty pair and a real port in real time.
 *
 * <p>Times are nanoseconds on the transport's clock (one virtual clock, or the JVM's
 * {@code System.nanoTime()} that both real-time ends share).
 */
interface Transport extends AutoCloseable {

    /** What this is, for failure messages: "virtual line", "pty /dev/pts/4", "ports A -> B". */
    String describe();

    /** The module's profile on it. */
    DiagnosticProfile diagnostics();

    /** How far a stamp on this transport may be off: none on the virtual line, the stated bound elsewhere. */
    Uncertainty uncertainty();

    /** Whether a tester here can make a 5-baud init that the module sees as one; why not when it cannot. */
    Support fiveBaudInit();

    /**
     * A tester on the tester's end talking to {@code address}, as {@link PortTester} does (the
     * protocol's idle before an init, P3min plus a margin before each request, answers with their
     * timing). A tester or raw writer already open is closed first: one end, one user.
     */
    End tester(int address) throws Exception;

    /**
     * Writes {@code bytes} from the tester's end, one by one P4 (DS2: the inter-byte gap) apart,
     * as a plain program would, and returns what that end read back until it has {@code expect}
     * bytes (or a bounded wait ends). Closes any tester first.
     */
    Raw writeRaw(byte[] bytes, int expect) throws Exception;

    /**
     * Lets at least {@code nanos} pass with nothing sent (virtual time: runs the clock; a port:
     * sleeps, which on a busy machine only makes the pause longer, never shorter).
     */
    void idle(long nanos) throws InterruptedException;

    /** Whether the module's side makes the echo the tester hears (a pty pair, the bench's line), not a cable. */
    boolean moduleMakesTheEcho();

    /** Performs a physical action on the car (sequence-step words) and returns what it caused. */
    List<Event> perform(String words);

    /** Everything the module's side recorded so far: link events, car events, in order. */
    List<Event> simEvents();

    /**
     * Waits until the module's side records an event of {@code type} that {@code which} accepts
     * (virtual time: runs the clock until then), for at most {@code withinNanos} from now; the
     * event, or null when none came.
     */
    <T extends Event> T awaitSimEvent(Class<T> type, Predicate<T> which, long withinNanos);

    /** Every byte, wake-up and 5-baud byte as the module's end saw them, with their stamps. */
    List<TraceEntry> simTrace();

    /** The machine's stops the module's end saw (none in virtual time), to judge its trace by. */
    default CpuStops machineStops() {
        return CpuStops.NONE;
    }

    @Override
    void close();

    /** A tester on the line, for as long as it is open. */
    interface End extends AutoCloseable {
        PortTester.Exchange init(Init init);

        PortTester.Exchange request(byte[] data);

        @Override
        void close();
    }

    /** What a plain writer on the tester's end put on the line and read back, in order. */
    record Raw(List<Stamped> written, List<Stamped> read) {
        public Raw {
            written = List.copyOf(written);
            read = List.copyOf(read);
        }
    }

    /** One byte with its instant. */
    record Stamped(long at, int value) {
        @Override
        public String toString() {
            return String.format("%02X@%d", value, at);
        }
    }

    /** Whether a transport supports something, and if not, why. */
    record Support(boolean supported, String why) {
        static Support yes() {
            return new Support(true, "");
        }

        static Support no(String why) {
            return new Support(false, why);
        }
    }

    /** The events of {@code type} that {@code which} accepts, in order. */
    static <T extends Event> List<T> of(List<Event> events, Class<T> type, Predicate<T> which) {
        return events.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(which)
                .toList();
    }
}
