package io.klinebench.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/** This JVM's threads as Linux sees them (/proc/self/task): their names, nice values and scheduling policies. */
public final class JvmThreads {

    /** SCHED_OTHER, the scheduling policy of a normal thread. */
    public static final int NORMAL = 0;

    /** SCHED_FIFO, a real-time thread's. */
    public static final int FIFO = 1;

    /** Indexes in a stat line's fields counted after the name: field 19 (nice) and field 41 (policy). */
    private static final int NICE = 16;

    private static final int POLICY = 38;

    private JvmThreads() {}

    /**
     * The lowest nice value (the most raised) among this JVM's threads whose name starts with
     * {@code prefix} (Linux's name: at most 15 characters); empty when none has such a name or
     * this is not Linux.
     */
    public static OptionalInt lowestNice(String prefix) {
        return statsOfThreadsNamed(prefix).stream()
                .mapToInt(f -> Integer.parseInt(f[NICE]))
                .min();
    }

    /**
     * The scheduling policies of this JVM's threads whose name starts with {@code prefix}
     * ({@link #NORMAL}, {@link #FIFO}...); empty when none has such a name or this is not Linux.
     */
    public static Set<Integer> policies(String prefix) {
        Set<Integer> policies = new TreeSet<>();
        for (String[] f : statsOfThreadsNamed(prefix)) {
            policies.add(Integer.parseInt(f[POLICY]));
        }
        return policies;
    }

    /** The calling thread's scheduling policy ({@link #NORMAL}, {@link #FIFO}...). */
    public static int policyOfCurrentThread() {
        try {
            return Integer.parseInt(statOf(Path.of("/proc/thread-self"))[POLICY]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stat lines of the threads whose name starts with {@code prefix}; those that end meanwhile left out. */
    private static List<String[]> statsOfThreadsNamed(String prefix) {
        Path tasks = Path.of("/proc/self/task");
        List<String[]> stats = new ArrayList<>();
        if (!Files.isDirectory(tasks)) {
            return stats;
        }
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path t : threads) {
                try {
                    if (Files.readString(t.resolve("comm")).strip().startsWith(prefix)) {
                        stats.add(statOf(t));
                    }
                } catch (NoSuchFileException ended) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stats;
    }

    /** The thread's stat line as fields counted after its name, which may hold spaces. */
    private static String[] statOf(Path task) throws IOException {
        String stat = Files.readString(task.resolve("stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
