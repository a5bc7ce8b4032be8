package io.klinebench.kline;

import io.klinebench.line.Bytes;
import java.util.Locale;
import java.util.SplittableRandom;

/** Which answers a fault is made in. */
public sealed interface FaultTrigger {

    /**
     * Whether the answer to {@code request} gets the fault; {@code n} counts the answers since
     * the fault was armed (the first is 1), {@code random} is this fault's own seeded source.
     */
    boolean fires(Bytes request, long n, SplittableRandom random);

    /** Whether the fault is made once, then forgotten (false: in every answer it fires for). */
    boolean once();

    /** The words ("at 21 01", "after 3", "chance 0.25 seed 1"). */
    String text();

    /** The seed of this trigger's random source (only a chance draws from it). */
    default long seed() {
        return 1;
    }

    /** The next answer to a request whose data starts with {@code prefix}. */
    record AtRequest(Bytes prefix) implements FaultTrigger {
        @Override
        public boolean fires(Bytes request, long n, SplittableRandom random) {
            return request.toString().startsWith(prefix.toString());
        }

        @Override
        public boolean once() {
            return true;
        }

        @Override
        public String text() {
            return "at " + prefix;
        }
    }

    /** The answer after {@code count} more (after 0: the next one). */
    record After(long count) implements FaultTrigger {
        public After {
            if (count < 0) {
                throw new IllegalArgumentException("after counts answers from 0");
            }
        }

        @Override
        public boolean fires(Bytes request, long n, SplittableRandom random) {
            return n == count + 1;
        }

        @Override
        public boolean once() {
            return true;
        }

        @Override
        public String text() {
            return "after " + count;
        }
    }

    /**
     * Every answer with probability {@code p}, drawn from a source seeded with {@code seed}: the
     * same run makes the same faults.
     */
    record Chance(double p, long seed) implements FaultTrigger {
        public Chance {
            if (!(p > 0 && p <= 1)) {
                throw new IllegalArgumentException("a chance is above 0 and at most 1, not " + p);
            }
        }

        @Override
        public boolean fires(Bytes request, long n, SplittableRandom random) {
            return random.nextDouble() < p;
        }

        @Override
        public boolean once() {
            return false;
        }

        @Override
        public String text() {
            return String.format(Locale.ROOT, "chance %s seed %d", p, seed);
        }
    }
}
