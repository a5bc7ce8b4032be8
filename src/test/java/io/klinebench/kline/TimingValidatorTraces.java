package io.klinebench.kline;

import static io.klinebench.time.Durations.MS;

import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.TraceEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.Assertions;

/**
 * Builds traces for the {@code TimingValidator*Test}s: bytes with gaps, a cursor that sits on
 * the last byte (or the end of the last LOW/SLOW), {@link #pause} to move it.
 *
 * <pre>
 *   trace().low(25 * MS).pause(25 * MS).tester("C1 33 F1 81 66", 5 * MS).pause(30 * MS).ecu(STARTED, MS)
 * </pre>
 */
final class TimingValidatorTraces {

    static final KwpTiming STD = KwpTiming.standard();
    static final Ds2Timing DS2 = Ds2Timing.typical();

    /** Functional StartCommunication, as testers send it. */
    static final String START = "C1 33 F1 81 66";
    /** The R56 CAS (address 0x40) accepting it: key bytes EF 8F. */
    static final String STARTED = kwp("83 F1 40 C1 EF 8F");
    /** StopCommunication to 0x40, and its positive answer. */
    static final String STOP = kwp("81 40 F1 82");

    static final String STOPPED = kwp("81 F1 40 C2");
    /** TesterPresent and its answer. */
    static final String PRESENT = kwp("81 40 F1 3E");

    static final String PRESENT_OK = kwp("81 F1 40 7E");
    /** ReadDataByLocalIdentifier 01, and its answer. */
    static final String READ = kwp("82 40 F1 21 01");

    static final String READ_OK = kwp("86 F1 40 61 01 11 22 33 44");

    private final List<TraceEntry> entries = new ArrayList<>();
    private long t;

    private TimingValidatorTraces(long start) {
        this.t = start;
    }

    /** A trace whose first entry comes at 0 (unless paused first). */
    static TimingValidatorTraces trace() {
        return new TimingValidatorTraces(0);
    }

    /** Moves the cursor on. */
    TimingValidatorTraces pause(long nanos) {
        t += nanos;
        return this;
    }

    /** The tester's bytes, the first at the cursor, each next one {@code interByte} later. */
    TimingValidatorTraces tester(String hex, long interByte) {
        return bytes(Direction.TESTER, hex, interByte);
    }

    /** The ECU's bytes, the first at the cursor, each next one {@code interByte} later. */
    TimingValidatorTraces ecu(String hex, long interByte) {
        return bytes(Direction.ECU, hex, interByte);
    }

    /** Bytes with the given gaps between them (one fewer than bytes). */
    TimingValidatorTraces gaps(Direction from, String hex, long... gaps) {
        byte[] b = Hex.parse(hex);
        if (gaps.length != b.length - 1) {
            throw new IllegalArgumentException(b.length + " bytes need " + (b.length - 1) + " gaps");
        }
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                t += gaps[i - 1];
            }
            entries.add(TraceEntry.ofByte(t, from, b[i] & 0xFF));
        }
        return this;
    }

    TimingValidatorTraces bytes(Direction from, String hex, long interByte) {
        byte[] b = Hex.parse(hex);
        long[] g = new long[b.length - 1];
        Arrays.fill(g, interByte);
        return gaps(from, hex, g);
    }

    /** The tester holds K low from the cursor for {@code duration}; the cursor moves to its end. */
    TimingValidatorTraces low(long duration) {
        entries.add(new TraceEntry(t, Direction.TESTER, TraceEntry.Kind.LOW, -1, duration));
        t += duration;
        return this;
    }

    /** The tester sends {@code value} at 5 baud from the cursor; the cursor moves to its end. */
    TimingValidatorTraces slow(int value, long duration) {
        entries.add(new TraceEntry(t, Direction.TESTER, TraceEntry.Kind.SLOW, value, duration));
        t += duration;
        return this;
    }

    /** A standard fast init and StartCommunication, answered: TiniL 25, TWuP 50, P4 5, P2 30, P1 1 ms. */
    TimingValidatorTraces fastInit() {
        return low(25 * MS).pause(25 * MS).tester(START, 5 * MS).pause(30 * MS).ecu(STARTED, MS);
    }

    /** A request with P4 5 ms, its answer after P2 30 ms with P1 1 ms. */
    TimingValidatorTraces exchange(String request, String answer) {
        return tester(request, 5 * MS).pause(30 * MS).ecu(answer, MS);
    }

    long now() {
        return t;
    }

    /** Index the next entry will have. */
    int next() {
        return entries.size();
    }

    List<TraceEntry> entries() {
        return List.copyOf(entries);
    }

    /** KWP2000 frame: the bytes and their checksum (sum mod 256). */
    static String kwp(String hex) {
        byte[] b = Hex.parse(hex);
        return Hex.of(b) + String.format(" %02X", KwpFrame.checksum(b, 0, b.length));
    }

    /** DS2 telegram: the bytes and their checksum (XOR). */
    static String ds2(String hex) {
        byte[] b = Hex.parse(hex);
        return Hex.of(b) + String.format(" %02X", Ds2Telegram.xor(b, 0, b.length));
    }

    /**
     * At the limit ({@code beyond} 0) nothing; 1 ns beyond it exactly one violation with these
     * values ({@code context} null: not compared).
     */
    static void expect(
            List<Violation> found,
            long beyond,
            String parameter,
            Direction by,
            long measured,
            long limit,
            Violation.Bound bound,
            int index,
            String context) {
        if (beyond == 0) {
            Assertions.assertThat(found).isEmpty();
            return;
        }
        Assertions.assertThat(found).hasSize(1);
        Violation v = found.get(0);
        Assertions.assertThat(v.parameter()).isEqualTo(parameter);
        Assertions.assertThat(v.by()).isEqualTo(by);
        Assertions.assertThat(v.measuredNanos()).isEqualTo(measured);
        Assertions.assertThat(v.limitNanos()).isEqualTo(limit);
        Assertions.assertThat(v.bound()).isEqualTo(bound);
        Assertions.assertThat(v.index()).isEqualTo(index);
        Assertions.assertThat(v.excessNanos()).isEqualTo(1);
        if (context != null) {
            Assertions.assertThat(v.context()).isEqualTo(context);
        }
    }
}
