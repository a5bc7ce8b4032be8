package io.klinebench.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/** This JVM's threads as Linux sees them (/proc/self/task): their names and nice values. */
public final class JvmThreads {

    private JvmThreads() {}

    /**
     * The lowest nice value (the most raised) among this JVM's threads whose name starts with
     * {@code prefix} (Linux's name: at most 15 characters); empty when none has such a name or
     * this is not Linux.
     */
    public static OptionalInt lowestNice(String prefix) {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return OptionalInt.empty();
        }
        OptionalInt lowest = OptionalInt.empty();
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path t : threads) {
                try {
                    if (Files.readString(t.resolve("comm")).strip().startsWith(prefix)) {
                        int nice = niceOf(t);
                        if (lowest.isEmpty() || nice < lowest.getAsInt()) {
                            lowest = OptionalInt.of(nice);
                        }
                    }
                } catch (NoSuchFileException ended) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lowest;
    }

    /** SCHED_OTHER, the scheduling policy of a normal thread. */
    public static final int NORMAL = 0;

    /** SCHED_FIFO, a real-time thread's. */
    public static final int FIFO = 1;

    /**
     * The scheduling policies of this JVM's threads whose name starts with {@code prefix}
     * (field 41 of their stat line: {@link #NORMAL}, {@link #FIFO}...); empty when none has such
     * a name or this is not Linux.
     */
    public static Set<Integer> policies(String prefix) {
        Path tasks = Path.of("/proc/self/task");
        Set<Integer> policies = new TreeSet<>();
        if (!Files.isDirectory(tasks)) {
            return policies;
        }
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path t : threads) {
                try {
                    if (Files.readString(t.resolve("comm")).strip().startsWith(prefix)) {
                        policies.add(policyOf(t));
                    }
                } catch (NoSuchFileException ended) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return policies;
    }

    /** The calling thread's scheduling policy ({@link #NORMAL}, {@link #FIFO}...). */
    public static int policyOfCurrentThread() {
        try {
            return policyOf(Path.of("/proc/thread-self"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Field 41 of the thread's stat line, counted after its name, which may hold spaces. */
    private static int policyOf(Path task) throws IOException {
        String stat = Files.readString(task.resolve("stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[38]);
    }

    /** Field 19 of the thread's stat line, counted after its name, which may hold spaces. */
    private static int niceOf(Path task) throws IOException {
        String stat = Files.readString(task.resolve("stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }
}
