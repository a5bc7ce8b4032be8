package io.klinebench.sim;

import io.klinebench.serial.SerialPipe;
import io.klinebench.serial.ThreadPriority;
import io.klinebench.time.SystemClock;

/**
 * The threads of one end on a real transport whose timing is the product: the clock's loop, which
 * puts bytes on the line at their instants, and the pipe's reader (with its baud watch), which
 * stamps what arrives. Only these are raised ({@link ThreadPriority}), not the process: a raised
 * thread that computes for long starves the rest of the machine, and a process a raised thread
 * starts inherits its priority. The clock's loop and the reader are made real-time where
 * permitted ({@link ThreadPriority#raiseToRealTime}); the baud watch, which polls while a tester
 * is there, only to nice -20.
 */
final class TimingThreads {

    private TimingThreads() {}

    /** {@link #raise} where {@code settings} ask for it; else not, saying so. */
    static ThreadPriority.Outcome raiseIfAsked(PortSettings settings, SystemClock clock, SerialPipe pipe) {
        return settings.raisePriority() ? raise(clock, pipe) : new ThreadPriority.Outcome.Refused("not asked");
    }

    /** Raises the clock's loop now and the pipe's threads when they start; call before {@code pipe.start()}. */
    static ThreadPriority.Outcome raise(SystemClock clock, SerialPipe pipe) {
        ThreadPriority.Outcome outcome = PortSimulator.call(clock, ThreadPriority::raiseToRealTime);
        if (outcome.raised()) {
            pipe.raiseTimingThreads();
        }
        return outcome;
    }
}
