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

    /** Null on a line with exact times. */
    private final CpuStopWatch watch;

    private final LineConditions conditions;

    private MachineWatch(CpuStopWatch watch, LineConditions conditions) {
        this.watch = watch;
        this.conditions = conditions;
    }

    /** Starts watching when the line's times are not exact, kept awake by the bytes of {@code pipe}. */
    static MachineWatch start(SystemClock clock, PortSettings settings, SerialPipe pipe) {
        if (settings.line().uncertainty().exact()) {
            return new MachineWatch(null, settings.line());
        }
        CpuStopWatch watch = CpuStopWatch.start(clock);
        pipe.keepAwake(watch);
        return new MachineWatch(watch, settings.line().watched(watch));
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
        return watch == null ? "not watching the machine for stops: the line's times are exact" : watch.said();
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
