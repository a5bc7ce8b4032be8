package io.klinebench.cli;

import io.klinebench.config.UserFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command stopped by a signal (Ctrl-C, SIGTERM) before its end says so on stderr, with where it
 * was ("while running, at 614910 of 800002 steps") and the files it was asked for and did not
 * write ("nothing written to --csv map.csv (a file there before is as it was)": each is written
 * under a temporary name and renamed over the file only when whole; the temporary one is
 * removed here, {@link UserFiles#removeUnfinished}), and ends its progress line rather than leave it for the shell's
 * prompt to run into. It used to exit 130 or 143 in silence. Only in a JVM of its own ({@link
 * OwnJvm}): in someone else's (a test) a signal is not the command's to say.
 */
final class StoppedEarly {

    private final String command;
    private final PrintWriter err;
    private final Map<String, Path> unwritten = new LinkedHashMap<>();
    private final List<Runnable> undo = new ArrayList<>();
    private final Thread hook;
    private volatile ProgressLine progress;
    private volatile String where = "before it began";

    /** For {@code command} ("sweep"), saying on {@code err}; said from now until {@link #remove}. */
    StoppedEarly(String command, PrintWriter err) {
        this.command = command;
        this.err = err;
        hook = OwnJvm.isOurs() ? new Thread(this::say, command + "-stopped") : null;
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /** A file asked for by {@code option}, not written yet; none (null) or stdout is not named. */
    synchronized StoppedEarly file(String option, Path path) {
        if (path != null && !OutputFiles.isStdout(path)) {
            unwritten.put(option, path);
        }
        return this;
    }

    /**
     * On a stop, {@code action} too, before the stop is said: what the command puts back at its
     * end (the kernel's serial-line workers it raised: they are the whole machine's), which a
     * signal's stop skips with the main thread's {@code finally}.
     */
    synchronized StoppedEarly onStop(Runnable action) {
        undo.add(action);
        return this;
    }

    /** From here on a stop is said as {@code where}, where "{at}" is how far {@code progress} got (null: none). */
    void now(ProgressLine progress, String where) {
        this.progress = progress;
        this.where = where;
    }

    /** The file of {@code option} is written (or said to be not): a stop no longer names it. */
    synchronized void written(String option) {
        unwritten.remove(option);
    }

    /** The command is at its end: a signal from now on has nothing to cut short. */
    void remove() {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException stopping) {
            // the JVM is already ending (the signal came as the command ended): the hook says so
        }
    }

    /**
     * Whether the JVM is already shutting down (a signal): a hook can no longer be added then.
     * A command's main thread asks it when its port closes under it (jSerialComm closes its
     * ports at shutdown): that is the signal's stop, said by the hook, not a port that vanished.
     */
    static boolean shuttingDown() {
        try {
            Thread probe = new Thread(() -> {});
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private synchronized void say() {
        UserFiles.removeUnfinished(); // this command's files, cut short with its main thread
        for (Runnable action : undo) {
            try {
                action.run();
            } catch (RuntimeException e) {
                err.println("kline-bench " + command + ": while stopping: " + e);
            }
        }
        List<String> files = new ArrayList<>();
        unwritten.forEach((option, path) -> files.add(option + " " + path));
        String text = "kline-bench " + command + ": stopped " + where
                + (files.isEmpty()
                        ? ""
                        : "; nothing written to " + String.join(", ", files) + " (a file there before is as it was)");
        ProgressLine p = progress;
        if (p != null) {
            p.stoppedEarly(text);
        } else {
            err.println(text);
            err.flush();
        }
    }
}
