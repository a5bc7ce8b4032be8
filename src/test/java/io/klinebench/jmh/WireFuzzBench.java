package io.klinebench.jmh;

import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.Decoded;
import io.klinebench.kline.Ds2Decoder;
import io.klinebench.kline.Ds2Telegram;
import io.klinebench.kline.FrameDecoder;
import io.klinebench.kline.KwpFrame;
import io.klinebench.kline.KwpFrameDecoder;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.PortEndpoint;
import io.klinebench.line.Hex;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.serial.BaudWatch;
import io.klinebench.serial.JSerialCommChannel;
import io.klinebench.serial.PtyPair;
import io.klinebench.sim.PortSettings;
import io.klinebench.sim.PortSimulator;
import io.klinebench.time.Durations;
import io.klinebench.time.SystemClock;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Fuzzing the simulator's wire over a pty (not a test; see BENCHMARKS.md, "Bad frames on the
 * wire"). For each protocol (DS2 on the R50/R53, KWP2000 on the R56) the simulator runs in
 * this JVM on a pty master, as {@code sim --virtual} does but without its echo (so that every
 * byte the tester reads is the module's), and a raw tester on the slave repeats rounds of:
 * <ol>
 *   <li>a burst, written in one write: 1 to 40 bad frames (a random valid frame with one byte
 *       changed so that no valid frame starts it) and then a valid request, drawn again until
 *       a module's decoder finds no valid frame in it (a changed length can make the bytes that
 *       follow a frame whose checksum fits); none of it may be answered, as a module
 *       re-synchronises by waiting for an idle line;
 *   <li>an idle line of 200 ms (beyond the inter-byte limit plus the pty's stated uncertainty),
 *       in which any byte from the module counts as an answer to the burst;
 *   <li>the same valid request alone, which must be answered.
 * </ol>
 * A lone request the module did not answer is looked up in what the module dropped: when it
 * came inside the burst's discarded bytes, the pty or the module's reader delivered the burst
 * so late that the two arrived together (counted as "merged by late delivery"); anything else
 * is printed. The valid requests are ones that change nothing (identification, data records, tester
 * present, and unknown services, which get a negative answer). Counts are printed per protocol.
 *
 * <p>Arguments: {@code [frames per protocol (100000)] [seed (1)]}.
 */
public final class WireFuzzBench {

    private static final long IDLE = 200 * Durations.MS;
    private static final long ANSWER_WITHIN = 2 * Durations.S;

    private WireFuzzBench() {}

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        List<Counts> results = new ArrayList<>();
        List<Thread> runs = new ArrayList<>();
        for (Wire wire : List.of(ds2(), kwp())) {
            Thread t = new Thread(
                    () -> {
                        try {
                            Counts c = run(wire, frames, new Random(seed));
                            synchronized (results) {
                                results.add(c);
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(wire.name + ": " + e, e);
                        }
                    },
                    "fuzz-" + wire.name);
            t.start();
            runs.add(t);
        }
        for (Thread t : runs) {
            t.join();
        }
        System.out.printf(Locale.ROOT, "pty, simulator echo off, seed %d%n", seed);
        for (Counts c : results) {
            System.out.println(c);
        }
    }

    /** A protocol as the fuzzer sees it. */
    private record Wire(
            String name,
            String profile,
            Supplier<FrameDecoder<?>> decoder,
            java.util.function.Function<byte[], byte[]> frame,
            java.util.function.Function<Random, byte[]> request,
            boolean fastInit,
            long gapAfterAnswer) {}

    private static Wire ds2() {
        return new Wire(
                "DS2",
                "r50-r53-2005-2008",
                () -> new Ds2Decoder(10 * Durations.MS),
                data -> new Ds2Telegram(0x00, data).encode(),
                r -> switch (r.nextInt(3)) {
                    case 0 -> new byte[] {0x00}; // identification
                    case 1 -> new byte[] {0x0B, (byte) (1 + r.nextInt(3))}; // a data record
                    default -> new byte[] {(byte) (0x60 + r.nextInt(16)), (byte) r.nextInt(256)}; // unknown
                },
                false,
                20 * Durations.MS);
    }

    private static Wire kwp() {
        return new Wire(
                "KWP2000",
                "r56-2007-2013",
                () -> new KwpFrameDecoder(20 * Durations.MS),
                data -> KwpFrame.physical(0x40, 0xF1, data).encode(),
                r -> switch (r.nextInt(4)) {
                    case 0 -> new byte[] {0x3E}; // tester present
                    case 1 -> new byte[] {0x21, (byte) r.nextInt(256)}; // a local identifier
                    case 2 -> new byte[] {0x1A, (byte) r.nextInt(256)}; // identification
                    default -> new byte[] {(byte) r.nextInt(16), (byte) r.nextInt(256)}; // unknown
                },
                true,
                65 * Durations.MS);
    }

    /** What one protocol's run saw. */
    private record Counts(
            String protocol,
            long frames,
            long bad,
            long validBehindBad,
            long answersToBursts,
            long validAlone,
            long validAnswered,
            long merged,
            long reinits,
            long droppedEvents,
            long seconds) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%-8s frames %d: bad %d, valid right behind a bad one %d, valid alone %d | answers to bursts %d |"
                            + " valid alone answered %d of %d (not answered: merged into the burst by late delivery %d)"
                            + " | re-inits %d | frames the module reported dropped %d"
                            + " | %d s",
                    protocol,
                    frames,
                    bad,
                    validBehindBad,
                    validAlone,
                    answersToBursts,
                    validAnswered,
                    validAlone,
                    merged,
                    reinits,
                    droppedEvents,
                    seconds);
        }
    }

    private static Counts run(Wire wire, int frames, Random random) throws Exception {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        DiagnosticProfile diag = catalog.loadDiagnostics(wire.profile);
        long started = System.nanoTime();
        AtomicLong dropped = new AtomicLong();
        BlockingQueue<Integer> in = new LinkedBlockingQueue<>();
        long bad = 0;
        long behind = 0;
        long burstAnswers = 0;
        long alone = 0;
        long answered = 0;
        long reinits = 0;
        long merged = 0;
        try (SystemClock clock = new SystemClock("fuzz-sim-" + wire.name);
                PtyPair pty = PtyPair.open(null)) {
            PortSimulator sim = PortSimulator.start(
                    catalog.load(wire.profile),
                    diag,
                    PortSimulator.defaultCar(),
                    clock,
                    pty.master(),
                    PortSettings.virtualPair().echoBack(false),
                    e -> {},
                    BaudWatch.of(pty));
            java.util.ArrayDeque<String> recent = new java.util.ArrayDeque<>();
            String[] lastDrop = {""};
            sim.onEvent(e -> {
                if (e instanceof LinkEvent.FrameDropped d) {
                    dropped.incrementAndGet();
                    synchronized (recent) {
                        lastDrop[0] = d.hex().toString();
                    }
                }
                synchronized (recent) {
                    recent.add(e.toString());
                    if (recent.size() > 16) {
                        recent.poll();
                    }
                }
            });
            JSerialCommChannel port = new JSerialCommChannel(
                    pty.slavePath(), diag.baud(), JSerialCommChannel.Framing.parse(diag.framing()));
            port.open();
            Thread reader = new Thread(
                    () -> {
                        byte[] buf = new byte[512];
                        while (true) {
                            int r = port.read(buf);
                            if (r < 0) {
                                return;
                            }
                            for (int i = 0; i < r; i++) {
                                in.add(buf[i] & 0xFF);
                            }
                        }
                    },
                    "fuzz-reader-" + wire.name);
            reader.setDaemon(true);
            reader.start();
            Thread.sleep(1_000); // the module's idle time after power-on
            boolean inSession = !wire.fastInit || fastInit(port, wire, in);
            long sent = 0;
            while (sent < frames) {
                if (!inSession) {
                    reinits++;
                    Thread.sleep(3_000);
                    in.clear();
                    inSession = fastInit(port, wire, in);
                    continue;
                }
                byte[] request = wire.frame.apply(wire.request.apply(random));
                int n = 1 + random.nextInt(40);
                byte[] b;
                do {
                    ByteArrayOutputStream burst = new ByteArrayOutputStream();
                    for (int k = 0; k < n; k++) {
                        burst.writeBytes(badFrame(wire, random));
                    }
                    burst.writeBytes(request);
                    b = burst.toByteArray();
                    // A bad frame whose length byte was changed reads on into the next ones, and
                    // once in 256 the checksum there fits: a valid frame on the wire, which a
                    // module must answer. Such a burst is drawn again.
                } while (decodesAFrame(wire.decoder.get(), b));
                port.write(b, b.length);
                bad += n;
                behind++;
                Thread.sleep(IDLE / Durations.MS);
                int heard = 0;
                while (in.poll() != null) {
                    heard++;
                }
                if (heard > 0) {
                    burstAnswers++;
                    synchronized (recent) {
                        System.out.println(wire.name + ": " + heard + " bytes after a burst ending in "
                                + Hex.of(request) + "; the module lately: " + String.join(" | ", recent));
                    }
                }
                port.write(request, request.length);
                alone++;
                boolean ok = awaitAnswer(wire, in);
                if (ok) {
                    answered++;
                } else {
                    inSession = !wire.fastInit;
                    String r = Hex.of(request);
                    synchronized (recent) {
                        if (lastDrop[0].endsWith(r + " " + r)) {
                            merged++;
                        } else {
                            System.out.println(wire.name + ": no answer to " + r + "; the module lately: "
                                    + String.join(" | ", recent));
                        }
                    }
                }
                sent += n + 2;
                Thread.sleep(wire.gapAfterAnswer / Durations.MS);
            }
            port.close();
            sim.close();
        }
        return new Counts(
                wire.name,
                bad + behind + alone,
                bad,
                behind,
                burstAnswers,
                alone,
                answered,
                merged,
                reinits,
                dropped.get(),
                (System.nanoTime() - started) / Durations.S);
    }

    /** A random valid frame with one byte changed, such that no valid frame starts it. */
    private static byte[] badFrame(Wire wire, Random r) {
        while (true) {
            byte[] data = new byte[1 + r.nextInt(8)];
            r.nextBytes(data);
            byte[] f = wire.frame.apply(data);
            f[r.nextInt(f.length)] ^= (byte) (1 + r.nextInt(255));
            if (!decodesAFrame(wire.decoder.get(), f)) {
                return f;
            }
        }
    }

    /** Whether a module's decoder, given {@code bytes} back to back, finds a valid frame in them. */
    private static <F> boolean decodesAFrame(FrameDecoder<F> decoder, byte[] bytes) {
        boolean[] found = {false};
        decoder.resyncByIdle().onDecoded(d -> found[0] |= d instanceof Decoded.Frame<F>);
        for (int i = 0; i < bytes.length; i++) {
            decoder.feed(bytes[i] & 0xFF, i);
        }
        decoder.expire(Durations.S);
        return found[0];
    }

    /** Reads the module's next frame (past responsePending answers); false when none comes in time. */
    private static boolean awaitAnswer(Wire wire, BlockingQueue<Integer> in) throws InterruptedException {
        FrameDecoder<?> decoder = wire.decoder.get();
        List<byte[]> frames = new ArrayList<>();
        decoder.onDecoded(d -> {
            if (d instanceof Decoded.Frame<?> f) {
                frames.add(f.raw());
            }
        });
        long deadline = System.nanoTime() + ANSWER_WITHIN;
        long t = 0;
        while (true) {
            Integer v = in.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (v == null) {
                return false;
            }
            decoder.feed(v, t++);
            if (!frames.isEmpty()) {
                byte[] f = frames.remove(0);
                if (!isPending(wire, f)) {
                    return true;
                }
            }
        }
    }

    private static boolean isPending(Wire wire, byte[] frame) {
        if (!wire.fastInit) {
            return false;
        }
        // 83 F1 40 7F sid 78 cs: the module's answers carry the length in the format byte.
        return frame.length == 7 && (frame[3] & 0xFF) == 0x7F && (frame[5] & 0xFF) == 0x78;
    }

    /** The wake-up as a 0x00 at 360 baud, StartCommunication at TWuP, and its answer. */
    private static boolean fastInit(JSerialCommChannel port, Wire wire, BlockingQueue<Integer> in) throws Exception {
        long start = System.nanoTime();
        if (!port.setBaud(PortEndpoint.WAKE_UP_BAUD)) {
            throw new IllegalStateException("cannot switch the tester's port to 360 baud");
        }
        port.write(0x00);
        sleepUntil(start + PortEndpoint.WAKE_UP_BYTE_OUT);
        port.setBaud(10_400);
        sleepUntil(start + 50 * Durations.MS);
        byte[] sc = wire.frame.apply(new byte[] {(byte) 0x81});
        port.write(sc, sc.length);
        boolean ok = awaitAnswer(wire, in);
        Thread.sleep(wire.gapAfterAnswer / Durations.MS);
        return ok;
    }

    private static void sleepUntil(long at) throws InterruptedException {
        long left = at - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
