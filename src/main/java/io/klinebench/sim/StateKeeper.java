package io.klinebench.sim;

import io.klinebench.car.BodyControlModule;
import io.klinebench.car.CarEvent;
import io.klinebench.car.Nvm;
import io.klinebench.car.Profile;
import io.klinebench.config.ConfigException;
import io.klinebench.config.IoCause;
import io.klinebench.config.UserFiles;
import io.klinebench.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a running module's non-volatile memory in a state file: restored at start, saved
 * (atomically, see {@link StateFile}) at most once per period after anything the module
 * changed, and at close. The snapshot is taken on the clock's thread; the file is written
 * on a thread of its own, so a slow disk never delays an answer byte.
 *
 * <p>A file that cannot be kept (unreadable, refused by {@link StateFile#read}, or where no
 * file can be written) is refused at start. A memory equal to what the file holds is not
 * written again: the file stays as the user left it until the module changes something.
 *
 * <p>A file that cannot be written while the module runs (its drive removed, its folder gone, a
 * full disk) is told to whoever asked ({@link #whenFailed}), with the cause, once: what the
 * module learns from then on would be lost at the next start, and a line in the log is no place
 * to learn that.
 */
public final class StateKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StateKeeper.class);

    private final Path file;
    private final Clock clock;
    private final BodyControlModule car;
    private final long periodNanos;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "state-writer");
        t.setDaemon(true);
        return t;
    });
    private boolean dirty;
    private boolean closed;
    private Clock.Scheduled next;
    /** What the file holds as far as we know (null: no file yet); the writer's thread only. */
    private Nvm written;
    /** Who is told why the file could not be written (null: the log is); set before it runs. */
    private volatile Consumer<String> whenFailed;
    /** Whether that was told; the writer's thread only. */
    private boolean failed;

    private StateKeeper(Path file, Clock clock, BodyControlModule car, long periodNanos, Nvm written) {
        this.file = file;
        this.clock = clock;
        this.car = car;
        this.periodNanos = periodNanos;
        this.written = written;
    }

    /**
     * Checks that {@code file} can be kept for {@code profile}, before anything starts: if it
     * exists it is read as {@link #start} reads it, and a file can be written where it is.
     *
     * @throws ConfigException naming the file and the cause
     */
    public static void check(Path file, Profile profile) throws ConfigException {
        readIfThere(file, profile);
        checkWritable(file);
    }

    /**
     * Restores {@code car} from {@code file} if it exists, then keeps the file up to date.
     * Call on the clock's thread.
     *
     * @throws ConfigException a state file that cannot be used (corrupt, another profile, a
     *         value the module cannot hold, not writable)
     */
    public static StateKeeper start(Path file, Profile profile, Clock clock, BodyControlModule car, long periodNanos)
            throws ConfigException {
        Nvm kept = readIfThere(file, profile);
        checkWritable(file);
        if (kept != null) {
            car.memory().restore(kept);
        }
        StateKeeper keeper = new StateKeeper(file, clock, car, periodNanos, kept);
        car.onEvent(keeper::onEvent);
        keeper.dirty = true; // a new file is made now; a restored memory is written only if it differs
        keeper.tick();
        return keeper;
    }

    /**
     * Tells {@code why} the cause ("no such file or directory"), once, on the writer's thread,
     * when the file cannot be written;
     * without it the failure is logged as an error.
     */
    public StateKeeper whenFailed(Consumer<String> why) {
        this.whenFailed = why;
        return this;
    }

    private static Nvm readIfThere(Path file, Profile profile) throws ConfigException {
        // Files.exists follows a symlink: a link to no file yet is a new file, made where it points.
        return Files.exists(file) ? StateFile.load(file, profile) : null;
    }

    private static void checkWritable(Path file) throws ConfigException {
        try {
            UserFiles.checkWritable(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be written: " + IoCause.of(e));
        }
    }

    private void onEvent(CarEvent e) {
        // Counters move with every accepted code; slots, coding, faults, security with diagnostics.
        dirty = true;
    }

    private void tick() {
        if (closed) {
            return;
        }
        if (dirty) {
            dirty = false;
            handOver();
        }
        next = clock.scheduleAfter(periodNanos, this::tick);
    }

    /** Takes the memory on the clock's thread and gives it to the writer. */
    private void handOver() {
        Nvm snapshot;
        try {
            snapshot = car.memory().snapshot();
        } catch (RuntimeException e) {
            // A memory the module cannot give as a value (a counter past its end) is not
            // saved; the last good one stays in the file, and the user is told.
            log.error(
                    "cannot save the module's memory to {}: {}; the file keeps what was saved before",
                    file,
                    e.getMessage());
            return;
        }
        writer.execute(() -> save(snapshot));
    }

    private void save(Nvm snapshot) {
        if (snapshot.equals(written)) {
            return;
        }
        try {
            StateFile.save(snapshot, file);
            written = snapshot;
        } catch (IOException e) {
            fail(IoCause.of(e));
        } catch (RuntimeException e) {
            // said, not thrown: a throw here would end in the executor's stack trace on stderr
            fail(e.toString());
        }
    }

    private void fail(String why) {
        Consumer<String> tell = whenFailed;
        if (tell == null) {
            log.error("cannot write the state file {}: {}", file, why);
        } else if (!failed) {
            failed = true;
            tell.accept(why);
        }
    }

    /** Saves once more and stops. Call on the clock's thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (next != null) {
            next.cancel();
        }
        handOver();
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                log.error("the state file {} was not written within 5 s; it keeps what was saved before", file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
