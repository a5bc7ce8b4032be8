package io.klinebench.sim;

import java.util.function.Supplier;

/**
 * A module serving a port in real time (the simulator, a replay): its link, its trace and its
 * state live on its clock's loop, and whoever else touches them does so through {@link #onLoop}.
 */
public interface PortModule {

    /** Runs {@code task} on the clock's loop and returns its result; its runtime exceptions come back as they were. */
    <T> T onLoop(Supplier<T> task);

    /** Runs {@code task} on the clock's loop and returns when it has run. */
    default void runOnLoop(Runnable task) {
        onLoop(() -> {
            task.run();
            return null;
        });
    }
}
