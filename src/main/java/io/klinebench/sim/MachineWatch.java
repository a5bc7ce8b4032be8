package io.klinebench.sim;

import io.klinebench.kline.LineConditions;
import io.klinebench.serial.CpuStopWatch;
import io.klinebench.serial.SerialPipe;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Event;
import io.klinebench.time.SystemClock;
import java.util.function.Consumer;

/**
 * The machine's stops as a module on a port watches them ({@link CpuStopWatch}), or nothing on a
 * line whose times are exact: the line's conditions with them (so the link widens the gaps they
 * held), the banner's words, and each stop told as a {@link SimEvent.MachineStopped}. One set-up
 * for the simulator and the replay, so both frame a line alike.
 */
final class MachineWatch implements AutoCloseable {

    /**
     * Only to measure what the watch costs (BENCHMARKS.md, "Real time over a pty": the watch on
     * and off): the line keeps its stated uncertainty, and its stops go unseen.
     */
    static final String OFF_FOR_MEASUREMENT = "klinebench.machineWatch.off";

    /** Null on a line with exact times, or with the watch turned off for a measurement. */
    private final CpuStopWatch watch;

    private final String off;

    private final LineConditions conditions;

    private MachineWatch(CpuStopWatch watch, LineConditions conditions, String off) {
        this.watch = watch;
        this.conditions = conditions;
        this.off = off;
    }

    /** Starts watching when the line's times are not exact, kept awake by the bytes of {@code pipe}. */
    static MachineWatch start(SystemClock clock, PortSettings settings, SerialPipe pipe) {
        if (settings.line().uncertainty().exact()) {
            return new MachineWatch(null, settings.line(), "the line's times are exact");
        }
        if (Boolean.getBoolean(OFF_FOR_MEASUREMENT)) {
            return new MachineWatch(
                    null, settings.line(), "turned off to measure its cost (-D" + OFF_FOR_MEASUREMENT + ")");
        }
        CpuStopWatch watch = CpuStopWatch.start(clock);
        pipe.keepAwake(watch);
        return new MachineWatch(watch, settings.line().watched(watch), null);
    }

    /** The line as the link takes it: its stated uncertainty and the stops seen. */
    LineConditions conditions() {
        return conditions;
    }

    /** The stops seen (the last minute of them); none on a line with exact times. */
    CpuStops stops() {
        return watch == null ? CpuStops.NONE : watch;
    }

    /** Whether the machine's stops are watched, and how, or why not: for a banner. */
    String said() {
        return watch == null ? "not watching the machine for stops: " + off : watch.said();
    }

    /** Tells {@code events} of each stop as it is seen, on the clock's loop. */
    void tellStops(Consumer<Event> events) {
        if (watch != null) {
            watch.onStop(stop -> events.accept(SimEvent.of(stop)));
        }
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
    }
}
