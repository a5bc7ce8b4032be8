package io.klinebench.jmh;

import io.klinebench.kline.Decoded;
import io.klinebench.kline.Ds2Decoder;
import io.klinebench.kline.Ds2Telegram;
import io.klinebench.kline.Ds2Timing;
import io.klinebench.kline.FrameDecoder;
import io.klinebench.kline.KwpFrame;
import io.klinebench.kline.KwpFrameDecoder;
import io.klinebench.kline.KwpTiming;
import io.klinebench.line.Hex;
import io.klinebench.time.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Decoder speed, one thread: frames decoded per second (each benchmark reports operations =
 * frames) from timestamped bytes, one {@code feed} per byte as the line delivers them.
 * <ul>
 * <li>{@code kwpSession}: a typical KWP2000 conversation with the CAS, requests and answers
 * as the K-line carries them (StartCommunication, StartDiagnosticSession, SecurityAccess,
 * ReadECUIdentification with an 82-byte answer, ReadDataByLocalIdentifier, TesterPresent,
 * a responsePending, StopCommunication): {@value #KWP_FRAMES} frames, 1 ms between bytes,
 * 30 ms between frames.</li>
 * <li>{@code kwpSessionWithLineNoise}: the same with a frame cut short, a bad checksum and a
 * noise burst among them, each followed by a gap over P1max: the same frames come out.</li>
 * <li>{@code ds2Telegrams}: DS2 ident requests and answers, status answers and a 255-byte
 * telegram: {@value #DS2_TELEGRAMS} telegrams.</li>
 * </ul>
 * The decoder is reused (it is idle after each mix); the work includes the frame values and
 * the copies of their bytes. Run: {@code ./mvnw -q -Pjmh verify -DskipTests
 * -Djmh.args="io.klinebench.jmh.DecoderBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class DecoderBenchmark {

    static final int KWP_FRAMES = 24;
    static final int DS2_TELEGRAMS = 12;

    static final long KWP_BYTE = Durations.MS;
    static final long KWP_BETWEEN_FRAMES = 30 * Durations.MS;
    static final long DS2_BYTE = Durations.MS;
    static final long DS2_BETWEEN_TELEGRAMS = 20 * Durations.MS;

    /** Bytes and their arrival times, laid out once. */
    static final class Line {
        final int[] values;
        final long[] times;

        Line(List<byte[]> pieces, long byteTime, long gap) {
            int n = 0;
            for (byte[] p : pieces) {
                n += p.length;
            }
            values = new int[n];
            times = new long[n];
            long t = Durations.S;
            int i = 0;
            for (byte[] p : pieces) {
                for (int k = 0; k < p.length; k++) {
                    values[i] = p[k] & 0xFF;
                    times[i] = t;
                    t += k == p.length - 1 ? gap : byteTime;
                    i++;
                }
            }
        }
    }

    private Line kwpSession;
    private Line kwpNoisy;
    private Line ds2;
    private KwpFrameDecoder kwpDecoder;
    private Ds2Decoder ds2Decoder;
    private int frames;

    @Setup
    public void setUp() {
        List<byte[]> session = kwpSessionFrames();
        kwpSession = new Line(session, KWP_BYTE, KWP_BETWEEN_FRAMES);
        List<byte[]> noisy = new ArrayList<>(session);
        noisy.add(4, Hex.parse("83 F1 40 C1 EF")); // cut short
        noisy.add(9, Hex.parse("82 40 F1 27 01 DC")); // bad checksum
        noisy.add(15, Hex.parse("FF 00 55 AA 3F")); // noise burst
        kwpNoisy = new Line(noisy, KWP_BYTE, KWP_BETWEEN_FRAMES);
        ds2 = new Line(ds2Mix(), DS2_BYTE, DS2_BETWEEN_TELEGRAMS);

        kwpDecoder = new KwpFrameDecoder(KwpTiming.standard().p1().max());
        kwpDecoder.onDecoded(this::count);
        ds2Decoder = new Ds2Decoder(Ds2Timing.typical().testerInterByteMax());
        ds2Decoder.onDecoded(this::count);

        check("kwpSession", kwpSession(), KWP_FRAMES);
        check("kwpSessionWithLineNoise", kwpSessionWithLineNoise(), KWP_FRAMES);
        check("ds2Telegrams", ds2Telegrams(), DS2_TELEGRAMS);
    }

    private static void check(String name, int decoded, int expected) {
        if (decoded != expected) {
            throw new IllegalStateException(name + " decodes " + decoded + " frames, not " + expected);
        }
    }

    private <F> void count(Decoded<F> d) {
        if (d instanceof Decoded.Frame<F>) {
            frames++;
        }
    }

    @Benchmark
    @OperationsPerInvocation(KWP_FRAMES)
    public int kwpSession() {
        return run(kwpDecoder, kwpSession, KwpTiming.standard().p1().max());
    }

    @Benchmark
    @OperationsPerInvocation(KWP_FRAMES)
    public int kwpSessionWithLineNoise() {
        return run(kwpDecoder, kwpNoisy, KwpTiming.standard().p1().max());
    }

    @Benchmark
    @OperationsPerInvocation(DS2_TELEGRAMS)
    public int ds2Telegrams() {
        return run(ds2Decoder, ds2, Ds2Timing.typical().testerInterByteMax());
    }

    private <F> int run(FrameDecoder<F> decoder, Line line, long limit) {
        frames = 0;
        int[] values = line.values;
        long[] times = line.times;
        for (int i = 0; i < values.length; i++) {
            decoder.feed(values[i], times[i]);
        }
        decoder.expire(times[times.length - 1] + limit + 1);
        return frames;
    }

    static List<byte[]> kwpSessionFrames() {
        List<byte[]> f = new ArrayList<>();
        f.add(kwp(0x40, 0xF1, "81")); // StartCommunication
        f.add(kwp(0xF1, 0x40, "C1 EF 8F"));
        f.add(kwp(0x40, 0xF1, "10 81")); // StartDiagnosticSession
        f.add(kwp(0xF1, 0x40, "50 81"));
        f.add(kwp(0x40, 0xF1, "27 01")); // SecurityAccess seed
        f.add(kwp(0xF1, 0x40, "67 01 12 34"));
        f.add(kwp(0x40, 0xF1, "27 02 56 78")); // key
        f.add(kwp(0xF1, 0x40, "67 02 34"));
        f.add(kwp(0x40, 0xF1, "1A 80")); // ReadECUIdentification
        f.add(kwp(0xF1, 0x40, "7F 1A 78")); // responsePending
        f.add(kwp(
                0xF1,
                0x40,
                "5A 80 57 4D 57 4D 46 33 33 35 38 39 54 58 31 32 33 34 35 "
                        + "20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 "
                        + "20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 "
                        + "20 20 20")); // 84 bytes: LEN byte
        f.add(kwp(0x40, 0xF1, "21 01")); // ReadDataByLocalIdentifier
        f.add(kwp(0xF1, 0x40, "61 01 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 10 11 12 13 14 15 16 17"));
        f.add(kwp(0x40, 0xF1, "83 00")); // AccessTimingParameters
        f.add(kwp(0xF1, 0x40, "C3 00 00 FF 00 FF 00"));
        f.add(kwp(0x40, 0xF1, "3E")); // TesterPresent x3
        f.add(kwp(0xF1, 0x40, "7E"));
        f.add(kwp(0x40, 0xF1, "3E"));
        f.add(kwp(0xF1, 0x40, "7E"));
        f.add(kwp(0x40, 0xF1, "3E"));
        f.add(kwp(0xF1, 0x40, "7E"));
        f.add(kwp(0x40, 0xF1, "31 01")); // a routine the CAS refuses
        f.add(kwp(0xF1, 0x40, "7F 31 22"));
        f.add(kwp(0x40, 0xF1, "82")); // StopCommunication
        if (f.size() != KWP_FRAMES) {
            throw new IllegalStateException(f.size() + " frames in the KWP mix, not " + KWP_FRAMES);
        }
        return f;
    }

    static List<byte[]> ds2Mix() {
        List<byte[]> t = new ArrayList<>();
        byte[] longest = new byte[252];
        longest[0] = (byte) 0xA0;
        for (int i = 0; i < DS2_TELEGRAMS / 4; i++) {
            t.add(Hex.parse("00 04 00 04")); // ident
            t.add(Hex.parse("00 10 A0 88 36 94 83 14 03 02 00 09 96 02 13 82"));
            t.add(new Ds2Telegram(0x00, Hex.parse("0C 0C 00 10")).encode());
            t.add(i == 0 ? new Ds2Telegram(0x00, longest).encode() : Hex.parse("00 04 A0 A4"));
        }
        return t;
    }

    private static byte[] kwp(int target, int source, String data) {
        return KwpFrame.physical(target, source, Hex.parse(data)).encode();
    }
}
