package io.klinebench.jmh;

import com.fazecast.jSerialComm.SerialPort;
import io.klinebench.cli.Main;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.Ds2Timing;
import io.klinebench.kline.LinkEvent;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.protocol.Ds2;
import io.klinebench.serial.PortChannel;
import io.klinebench.serial.PtyPair;
import io.klinebench.serial.PtyWorkers;
import io.klinebench.serial.ThreadPriority;
import io.klinebench.sim.PortSettings;
import io.klinebench.sim.PortSimulator;
import io.klinebench.time.SystemClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Real time over a pty, measured (not a test; see BENCHMARKS.md, "Real time over a pty").
 *
 * <p>The simulator in this JVM on a {@link PtyPair} master and a {@link SystemClock}, echo on
 * (as {@code sim --virtual}); a raw tester on the slave through jSerialComm: one reader thread,
 * TIMEOUT_READ_SEMI_BLOCKING with timeout 0, {@code System.nanoTime()} right after each read.
 * The tester sends the DS2 telegram {@code 00 05 0B 01 0F} (record 01) byte by byte, each byte
 * after the echo of the previous one, and reads the 8-byte answer; the next request goes
 * min-request-gap + 1 ms after the answer's last byte. Per request:
 * <ul>
 *   <li>echo delay per byte: the byte's writeBytes returned -&gt; its echo read;</li>
 *   <li>P2 error: first answer byte read - last request byte written - the profile's response-delay;</li>
 *   <li>P1 error: each gap between answer bytes (as read) - the profile's inter-byte.</li>
 * </ul>
 * Then, in fresh JVMs: {@code kline-bench sim --virtual} (Main on this class path) from start to
 * its last banner line, and its VmRSS 2 s after the banner.
 *
 * <p>Arguments: {@code [requests (10000)] [warm-up requests (300)] [fresh-JVM starts (5)]
 * [workers-as-they-are] [no-machine-watch]}: {@code workers-as-they-are} leaves the kernel's
 * serial-line workers ({@link PtyWorkers}) at their priority, to compare with the default, where
 * this process raises them as {@code sim} does; {@code no-machine-watch} leaves out the watch of
 * the machine's stops (its sleepers and probe pty) to measure what it costs, the line keeping its
 * stated uncertainty.
 */
public final class PtyTimingBench {

    private static final String PROFILE = "r50-r53-2005-2008";
    private static final byte[] REQUEST = {0x00, 0x05, 0x0B, 0x01, 0x00};

    private PtyTimingBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int starts = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        boolean workers = !Arrays.asList(args).contains("workers-as-they-are");
        if (Arrays.asList(args).contains("no-machine-watch")) {
            System.setProperty("klinebench.machineWatch.off", "true");
        }
        REQUEST[4] = (byte) (REQUEST[0] ^ REQUEST[1] ^ REQUEST[2] ^ REQUEST[3]);
        if (n > 0) {
            onRaisedThread(workers, () -> ptyTiming(n, warm));
        }
        if (starts > 0) {
            startAndMemory(starts);
        }
    }

    interface Body {
        void run() throws Exception;
    }

    /**
     * The raw tester's side (its writes and its reader, which raises itself) raised as the
     * simulator's timing threads are, real-time where permitted: what is measured is the
     * simulator, not the tester's scheduling. Not
     * the main thread: the fresh JVMs it starts after must start at normal priority, as a user's
     * would.
     */
    private static void onRaisedThread(boolean raiseWorkers, Body body) throws Exception {
        Exception[] failed = new Exception[1];
        Thread t = new Thread(
                () -> {
                    System.out.println(
                            "raw tester: " + ThreadPriority.raiseToRealTime().said());
                    // This bench is a process of its own, as the sim command is, and raises what
                    // that command raises (the pause work, the kernel's serial-line workers): the
                    // simulator inside it is a library and does not.
                    System.out.println(
                            "pause work: " + ThreadPriority.raisePauseWork().said());
                    try (PtyWorkers workers = raiseWorkers
                            ? PtyWorkers.raise()
                            : PtyWorkers.leftAsTheyAre("asked (workers-as-they-are)")) {
                        System.out.println(workers.said());
                        body.run();
                    } catch (Exception e) {
                        failed[0] = e;
                    }
                },
                "bench-tester");
        t.start();
        t.join();
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    private static void ptyTiming(int n, int warm) throws Exception {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        DiagnosticProfile diag = catalog.loadDiagnostics(PROFILE);
        Ds2Timing t = ((Ds2) diag.protocol()).timing();
        long[] p2 = new long[n];
        // P2's error in its four parts, which add up to it exactly
        long[] reached = new long[n];
        long[] clockLate = new long[n];
        long[] writeCall = new long[n];
        long[] delivered = new long[n];
        long[] p1 = new long[n * 7];
        long[] echo = new long[n * REQUEST.length];
        int p1Count = 0;
        BlockingQueue<long[]> in = new LinkedBlockingQueue<>();
        try (SystemClock clock = new SystemClock("bench-sim");
                PtyPair pty = PtyPair.open(null)) {
            StampedChannel master = new StampedChannel(pty.master());
            PortSimulator sim = PortSimulator.start(
                    catalog.load(PROFILE),
                    diag,
                    PortSimulator.defaultCar(),
                    clock,
                    master,
                    PortSettings.virtualPair(),
                    e -> {},
                    null);
            AtomicLong dropped = new AtomicLong();
            AtomicLong tolerated = new AtomicLong();
            sim.onEvent(e -> {
                if (e instanceof LinkEvent.FrameDropped || e instanceof LinkEvent.Ignored) {
                    dropped.incrementAndGet();
                } else if (e instanceof LinkEvent.Tolerated) {
                    tolerated.incrementAndGet();
                }
            });
            SerialPort port = SerialPort.getCommPort(pty.slavePath());
            port.setComPortParameters(diag.baud(), 8, SerialPort.ONE_STOP_BIT, SerialPort.EVEN_PARITY);
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 0, 0);
            if (!port.openPort(0)) {
                throw new IllegalStateException("cannot open " + pty.slavePath());
            }
            Thread reader = new Thread(
                    () -> {
                        ThreadPriority.raiseToRealTime(); // not inherited from a real-time thread
                        byte[] buf = new byte[256];
                        while (port.isOpen()) {
                            int r = port.readBytes(buf, buf.length);
                            long stamp = System.nanoTime();
                            if (r < 0) {
                                return;
                            }
                            for (int i = 0; i < r; i++) {
                                in.add(new long[] {stamp, buf[i] & 0xFF});
                            }
                        }
                    },
                    "bench-reader");
            reader.setDaemon(true);
            reader.setPriority(Thread.MAX_PRIORITY);
            reader.start();
            byte[] one = new byte[1];
            long nextAt = System.nanoTime() + 50_000_000;
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuAtStart = 0;
            long testerCpuAtStart = 0;
            for (int k = -warm; k < n; k++) {
                if (k == 0) {
                    cpuAtStart = os.getProcessCpuTime();
                    testerCpuAtStart = threads.getThreadCpuTime(reader.getId()) + threads.getCurrentThreadCpuTime();
                }
                waitUntil(nextAt);
                long lastSent = 0;
                for (int i = 0; i < REQUEST.length; i++) {
                    one[0] = REQUEST[i];
                    port.writeBytes(one, 1);
                    lastSent = System.nanoTime();
                    long[] e = take(in);
                    if (e[1] != (REQUEST[i] & 0xFF)) {
                        throw new IllegalStateException("request " + k + " byte " + i + ": echo " + e[1]);
                    }
                    if (k >= 0) {
                        echo[k * REQUEST.length + i] = e[0] - lastSent;
                    }
                }
                long lastByteRead = master.lastRead;
                master.writes.clear();
                long[] first = take(in);
                long[] second = take(in);
                int length = (int) second[1];
                long prev = second[0];
                long gapSum = 0;
                if (k >= 0) {
                    p2[k] = first[0] - lastSent - t.ecuResponseDelay();
                    long[] w = master.answerStart(lastByteRead + t.ecuResponseDelay() / 2);
                    reached[k] = lastByteRead - lastSent;
                    clockLate[k] = w[0] - lastByteRead - t.ecuResponseDelay();
                    writeCall[k] = w[1] - w[0];
                    delivered[k] = first[0] - w[1];
                    p1[p1Count++] = second[0] - first[0] - t.ecuInterByte();
                }
                for (int i = 2; i < length; i++) {
                    long[] b = take(in);
                    if (k >= 0) {
                        p1[p1Count++] = b[0] - prev - t.ecuInterByte();
                    }
                    gapSum += b[0] - prev;
                    prev = b[0];
                }
                if (length != 8) {
                    throw new IllegalStateException("request " + k + ": answer of " + length + " bytes");
                }
                nextAt = prev + t.minRequestGap() + 1_000_000;
            }
            long simCpu = os.getProcessCpuTime()
                    - cpuAtStart
                    - (threads.getThreadCpuTime(reader.getId()) + threads.getCurrentThreadCpuTime() - testerCpuAtStart);
            threadTicks();
            port.closePort();
            sim.close();
            System.out.printf(
                    Locale.ROOT,
                    "the sim's CPU per answered request (this process less the raw tester's two threads): %.3f ms%n",
                    simCpu / 1e6 / n);
            System.out.printf(
                    Locale.ROOT,
                    "frames the sim dropped or ignored: %d; taken within the uncertainty (tolerated): %d%n",
                    dropped.get(),
                    tolerated.get());
        }
        System.out.printf(
                Locale.ROOT,
                "pty, DS2 %s, %d requests after %d warm-up (tester: jSerialComm semi-blocking reader)%n",
                PROFILE,
                n,
                warm);
        report("P2 error (first answer byte - request end - " + ms(t.ecuResponseDelay()) + ")", p2, n);
        report("  1. the request's last byte read by the sim", reached, n);
        report("  2. the sim's clock late (its write began - its read - P2)", clockLate, n);
        report("  3. the sim's write call", writeCall, n);
        report("  4. the answer's first byte, written to read by the tester", delivered, n);
        report("P1 error (answer byte gap - " + ms(t.ecuInterByte()) + ")", p1, p1Count);
        report("echo delay per byte", echo, echo.length);
    }

    /**
     * The pty master as the simulator uses it, with the instant each read returned and each write
     * began and ended: where a late answer's time went.
     */
    private static final class StampedChannel implements PortChannel {
        private final PortChannel master;
        volatile long lastRead;
        /** Each byte written: when its write began, when it returned, the byte. */
        final Queue<long[]> writes = new ConcurrentLinkedQueue<>();

        StampedChannel(PortChannel master) {
            this.master = master;
        }

        @Override
        public String name() {
            return master.name();
        }

        @Override
        public void open() throws IOException {
            master.open();
        }

        @Override
        public void close() {
            master.close();
        }

        @Override
        public int read(byte[] buffer) {
            int r = master.read(buffer);
            lastRead = System.nanoTime();
            return r;
        }

        @Override
        public int available() {
            return master.available();
        }

        /** The first byte written after {@code after}: the answer's, not the last byte's echo. */
        long[] answerStart(long after) {
            for (long[] w : writes) {
                if (w[0] > after) {
                    return w;
                }
            }
            throw new IllegalStateException("no byte written after the request");
        }

        @Override
        public void write(int value) throws IOException {
            long began = System.nanoTime();
            master.write(value);
            writes.add(new long[] {began, System.nanoTime(), value});
        }
    }

    /**
     * CPU ticks of each of this process's threads, from /proc (the JIT's compilers and the
     * collector included, which the management beans do not list), with their nice value.
     */
    private static void threadTicks() throws IOException {
        System.out.println(
                "CPU of this process's threads (ticks of 10 ms, from /proc/self/task; the tester's are bench-*):");
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat = Files.readString(task.resolve("stat"));
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                if (ticks > 0) {
                    System.out.printf(Locale.ROOT, "  %-24s %6d  nice %s%n", comm, ticks, f[16]);
                }
            }
        }
    }

    private static void startAndMemory(int starts) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long[] ready = new long[starts];
        long[] rss = new long[starts];
        for (int i = 0; i < starts; i++) {
            Path err = Files.createTempFile("sim-bench", ".err");
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(
                            java,
                            "-Dfazecast.jSerialComm.appid=pty-bench-" + i + "-"
                                    + ProcessHandle.current().pid(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            Main.class.getName(),
                            "sim",
                            "--profile",
                            PROFILE,
                            "--virtual")
                    .redirectError(err.toFile())
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("console:")) {
                // banner
            }
            ready[i] = System.nanoTime() - t0;
            if (line == null) {
                throw new IllegalStateException("sim ended: " + Files.readString(err));
            }
            Thread.sleep(2000);
            rss[i] = vmRssKb(p.pid());
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            Files.deleteIfExists(err);
        }
        Arrays.sort(ready);
        Arrays.sort(rss);
        System.out.printf(
                Locale.ROOT,
                "sim --virtual in a fresh JVM, %d starts: ready (last banner line) min %.0f ms, median %.0f ms, max %.0f ms%n",
                starts,
                ready[0] / 1e6,
                ready[starts / 2] / 1e6,
                ready[starts - 1] / 1e6);
        System.out.printf(
                Locale.ROOT,
                "VmRSS 2 s after ready: min %.1f MB, median %.1f MB, max %.1f MB%n",
                rss[0] / 1024.0,
                rss[starts / 2] / 1024.0,
                rss[starts - 1] / 1024.0);
    }

    private static long vmRssKb(long pid) throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static long[] take(BlockingQueue<long[]> in) throws InterruptedException {
        long[] e = in.poll(2, TimeUnit.SECONDS);
        if (e == null) {
            throw new IllegalStateException("nothing read within 2 s");
        }
        return e;
    }

    private static void waitUntil(long at) {
        long left;
        while ((left = at - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private static void report(String what, long[] values, int count) {
        long[] v = Arrays.copyOf(values, count);
        Arrays.sort(v);
        System.out.printf(
                Locale.ROOT,
                "%-60s n %6d  p50 %7.3f ms  p99 %7.3f ms  p99.9 %7.3f ms  max %7.3f ms  min %7.3f ms%n",
                what,
                count,
                q(v, 0.5),
                q(v, 0.99),
                q(v, 0.999),
                v[count - 1] / 1e6,
                v[0] / 1e6);
    }

    private static double q(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
    }
}
