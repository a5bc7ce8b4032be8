package io.klinebench.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A sweep started as a plain {@code java -jar kline-bench.jar sweep ...} runs its points in a
 * second JVM of its own, started with the collector a batch of short-lived objects wants: the
 * serial collector with a young generation of {@link #YOUNG} ({@link #FLAGS}). The JVM the user
 * started only waits for it, passing on its exit status, and stops it when it is stopped.
 *
 * <p>Why: a sweep allocates about 16 KB a point, a gigabyte a second on two threads, and keeps
 * almost none of it. The default collector (G1) sizes its heap for the machine, not for that:
 * it starts at 1/64 of the memory (388 MB here) and grows in steps of about 176 MB whenever its
 * young collections come often, which they always do. A million-point map then peaked at 333 to
 * 767 MB resident, and ran slower, its allocations spread over hundreds of megabytes of fresh
 * memory instead of one small young generation kept warm in the caches. Neither the collector
 * nor the young generation's size can be changed in a running JVM, and the maximum heap cannot
 * be either, so without this a sweep under 200 MB needed a flag the user must know
 * (BENCHMARKS.md, "A sweep in a JVM of its own").
 *
 * <p>The user's own JVM options win: a sweep started with any ({@code java -Xmx1g -jar ...},
 * {@code JAVA_TOOL_OPTIONS}) runs in the JVM started, as it always did; so does one run through
 * {@link Main#execute} in someone else's JVM (a test), which never starts a process.
 */
final class SweepJvm {

    /** The young generation's size: a point's garbage dies young, and a small one stays in the caches. */
    static final String YOUNG = "16 MB";

    /** The second JVM's options. */
    static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-Xmn16m");

    /** Set in the second JVM's environment to the pid of the JVM that started it and waits for it. */
    static final String CHILD = "KLINEBENCH_SWEEP_JVM";

    private SweepJvm() {}

    /**
     * Whether {@code args} (the command line after the jar) runs its points in a JVM of its
     * own: the sweep command, in a JVM started for it ({@link OwnJvm}) with no option of the
     * user's, and not already the JVM started for the points.
     */
    static boolean wanted(String[] args) {
        return args.length > 0
                && "sweep".equals(args[0])
                && System.getenv(CHILD) == null
                && ManagementFactory.getRuntimeMXBean().getInputArguments().isEmpty();
    }

    /** Whether this JVM is the one started for a sweep's points. */
    static boolean isChild() {
        return System.getenv(CHILD) != null;
    }

    /** What the sweep's summary says of its JVM, in the JVM started for its points; empty elsewhere. */
    static String said() {
        return isChild()
                ? "the points ran in a JVM of their own (" + String.join(" ", FLAGS)
                        + "); any JVM option of yours runs them in the JVM you start"
                : "";
    }

    /**
     * Runs {@code args} in a JVM of its own and returns its exit status. Its standard input,
     * output and error are this process's (a terminal stays a terminal: the progress line
     * shows); a signal that stops this JVM stops that one first.
     */
    static int run(String[] args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FLAGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        Map<String, String> env = builder.environment();
        env.put(CHILD, Long.toString(ProcessHandle.current().pid())); // whom the points' JVM watches
        Process points;
        try {
            points = builder.start();
        } catch (IOException e) {
            // said, and the sweep runs here after all: slower and larger, never not at all
            System.err.println("kline-bench sweep: could not start a JVM for the points (" + e.getMessage()
                    + "); running them in this one");
            return Main.execute(args);
        }
        // left in place at the end: by then the points' JVM has ended, and stopping it is nothing
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(points), "sweep-stop-points"));
        try {
            return points.waitFor();
        } catch (InterruptedException e) {
            // nobody interrupts the main thread but a stop: the points stop with it
            stop(points);
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** Stops the points' JVM as this one is stopped (SIGTERM, then SIGKILL after 10 s), and waits for it. */
    private static void stop(Process points) {
        if (!points.isAlive()) {
            return;
        }
        points.destroy();
        try {
            if (!points.waitFor(10, TimeUnit.SECONDS)) {
                points.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * In the points' JVM: ends it when the JVM that started it is gone (killed with {@code kill
     * -9}, where no hook of its ran), rather than sweep on with nobody to read the results.
     */
    static void endWithParent() {
        if (!isChild()) {
            return;
        }
        // by the pid it was given, not by asking for a parent: a starter killed before this runs
        // has left this JVM to init, and would never be seen to go
        Optional<ProcessHandle> starter;
        try {
            starter = ProcessHandle.of(Long.parseLong(System.getenv(CHILD)));
        } catch (NumberFormatException e) {
            return; // set by hand to something else: nobody to watch
        }
        CompletableFuture<ProcessHandle> gone =
                starter.map(ProcessHandle::onExit).orElse(CompletableFuture.completedFuture(null));
        gone.thenRun(() -> {
            System.err.println("kline-bench sweep: the command that started these points is gone; stopping");
            System.exit(143);
        });
    }
}
