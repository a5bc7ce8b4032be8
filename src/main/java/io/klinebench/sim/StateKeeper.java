package io.klinebench.sim;

import io.klinebench.car.BodyControlModule;
import io.klinebench.car.CarEvent;
import io.klinebench.car.Nvm;
import io.klinebench.car.Profile;
import io.klinebench.config.ConfigException;
import io.klinebench.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a running module's non-volatile memory in a state file: restored at start, saved
 * (atomically, see {@link StateFile}) at most once per period after anything the module
 * changed, and at close. The snapshot is taken on the clock's thread; the file is written
 * on a thread of its own, so a slow disk never delays an answer byte.
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

    private StateKeeper(Path file, Clock clock, BodyControlModule car, long periodNanos) {
        this.file = file;
        this.clock = clock;
        this.car = car;
        this.periodNanos = periodNanos;
    }

    /**
     * Restores {@code car} from {@code file} if it exists, then keeps the file up to date.
     * Call on the clock's thread.
     *
     * @throws ConfigException a state file that cannot be used (corrupt, another profile)
     */
    public static StateKeeper start(Path file, Profile profile, Clock clock, BodyControlModule car, long periodNanos)
            throws ConfigException {
        if (Files.exists(file)) {
            car.memory().restore(StateFile.load(file, profile));
        }
        StateKeeper keeper = new StateKeeper(file, clock, car, periodNanos);
        car.onEvent(keeper::onEvent);
        keeper.dirty = true;
        keeper.tick();
        return keeper;
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
            Nvm snapshot = car.memory().snapshot();
            writer.execute(() -> save(snapshot));
        }
        next = clock.scheduleAfter(periodNanos, this::tick);
    }

    private void save(Nvm snapshot) {
        try {
            StateFile.save(snapshot, file);
        } catch (IOException e) {
            log.error("cannot write the state file {}: {}", file, e.getMessage());
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
        Nvm snapshot = car.memory().snapshot();
        writer.execute(() -> save(snapshot));
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
