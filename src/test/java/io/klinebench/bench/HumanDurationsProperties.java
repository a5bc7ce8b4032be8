package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.time.Durations;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** A first cause's durations are written as {@link Durations#human} writes them, for every value. */
class HumanDurationsProperties {

    @Property
    void asDurationsHumanWritesAnyLong(@ForAll long nanos) {
        assertThat(HumanDurations.human(nanos)).isEqualTo(Durations.human(nanos));
    }

    @Property(tries = 5000)
    void asDurationsHumanWritesBelowAMinute(
            @ForAll @LongRange(min = -60_000_000_000L, max = 60_000_000_000L) long nanos) {
        assertThat(HumanDurations.human(nanos)).isEqualTo(Durations.human(nanos));
    }

    @Example
    void atTheRoundingEdges() {
        long[] edges = {
            0,
            1,
            999,
            1_000,
            1_001,
            9_999,
            99_995,
            99_994,
            999_949,
            999_950,
            999_999,
            1_000_000,
            9_999_500,
            9_999_499,
            99_995_000,
            999_950_000,
            999_949_999,
            1_000_000_000,
            1_000_499_999,
            1_000_500_000,
            5_001_000_000L,
            9_999_500_000L,
            59_999_999_999L,
            59_950_000_000L,
            59_949_999_999L,
            60_000_000_000L,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            -1_000_000,
            -999_950
        };
        for (long e : edges) {
            for (long d = -2; d <= 2; d++) {
                long n = e + d;
                assertThat(HumanDurations.human(n)).as("%d ns", n).isEqualTo(Durations.human(n));
            }
        }
    }
}
