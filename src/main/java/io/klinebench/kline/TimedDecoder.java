package io.klinebench.kline;

import io.klinebench.time.Clock;

/**
 * A frame decoder with its inter-byte deadline kept on the clock: a partial frame is
 * dropped when its time runs out, not only when a late byte shows it. Every end of the line
 * (ECU links, testers) reads frames through one of these. When the deadline passes and the
 * decoder keeps the frame all the same (a stop of the machine stretched the gap, {@link
 * FrameDecoder#stretchGaps}), it looks again a little later.
 */
public final class TimedDecoder<F> {

    private final Clock clock;
    private final FrameDecoder<F> decoder;

    private Clock.Scheduled timer;

    public TimedDecoder(Clock clock, FrameDecoder<F> decoder) {
        this.clock = clock;
        this.decoder = decoder;
    }

    public void feed(int value, long at) {
        decoder.feed(value, at);
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        schedule(decoder.deadline());
    }

    private void schedule(long deadline) {
        if (deadline >= 0) {
            timer = clock.schedule(deadline, () -> {
                timer = null;
                long now = clock.nanos();
                decoder.expire(now);
                long next = decoder.deadline();
                schedule(next < 0 || next > now ? next : now + FrameDecoder.LOOK_AGAIN);
            });
        }
    }

    public boolean idle() {
        return decoder.idle();
    }

    public void reset() {
        decoder.reset();
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
