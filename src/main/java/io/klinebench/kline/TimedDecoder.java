package io.klinebench.kline;

import io.klinebench.time.Clock;

/**
 * A frame decoder with its inter-byte deadline kept on the clock: a partial frame is
 * dropped when its time runs out, not only when a late byte shows it. Every end of the line
 * (ECU links, testers) reads frames through one of these.
 */
final class TimedDecoder<F> {

    private final Clock clock;
    private final FrameDecoder<F> decoder;
    private Clock.Scheduled timer;

    TimedDecoder(Clock clock, FrameDecoder<F> decoder) {
        this.clock = clock;
        this.decoder = decoder;
    }

    void feed(int value, long at) {
        decoder.feed(value, at);
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        long deadline = decoder.deadline();
        if (deadline >= 0) {
            timer = clock.schedule(deadline, () -> {
                timer = null;
                decoder.expire(clock.nanos());
            });
        }
    }

    boolean idle() {
        return decoder.idle();
    }

    void reset() {
        decoder.reset();
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
