package io.klinebench.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * {@link Durations#human} and {@link Durations#clock} are written in integers (the live stream
 * writes them for every event); their text is the same as the BigDecimal and Formatter
 * arithmetic they replaced, kept here as the reference, for every value below a minute (where
 * the rounding is) and for instants past an hour.
 */
class HumanWithoutBigDecimalProperties {

    @Property(tries = 5000)
    void humanBelowAMinuteAsBigDecimalRoundedIt(
            @ForAll @LongRange(min = -59_999_999_999L, max = 59_999_999_999L) long nanos) {
        assertThat(Durations.human(nanos)).isEqualTo(reference(nanos));
    }

    /** The rounding edges: values a few nanoseconds either side of n.nnn5 and of 9.9995 in each unit. */
    @Property(tries = 3000)
    void humanAtTheRoundingEdges(
            @ForAll @IntRange(min = 1, max = 9999) int digits,
            @ForAll @IntRange(min = 0, max = 3) int exponent,
            @ForAll @IntRange(min = -3, max = 3) int nudge) {
        long[] units = {Durations.US, Durations.MS, Durations.S};
        for (long unit : units) {
            long step = unit * (long) Math.pow(10, exponent) / 10_000; // 4 digits of a value from 0.1 to 999.9 units
            if (step == 0) {
                continue;
            }
            long nanos = digits * step + step / 2 + nudge;
            if (nanos > 0 && nanos < Durations.MIN) {
                assertThat(Durations.human(nanos)).as("%d ns", nanos).isEqualTo(reference(nanos));
            }
        }
    }

    @Property(tries = 2000)
    void clockPastAnHourAsTheFormatterWroteIt(
            @ForAll @LongRange(min = Durations.H, max = 400 * Durations.D) long nanos) {
        long millis = nanos / Durations.MS + (nanos % Durations.MS >= Durations.MS / 2 ? 1 : 0);
        long days = millis / (Durations.D / Durations.MS);
        long rest = millis % (Durations.D / Durations.MS);
        String hms = String.format(
                Locale.ROOT, "%d:%02d:%02d.%03d", rest / 3_600_000, rest / 60_000 % 60, rest / 1000 % 60, rest % 1000);
        if (days > 0) {
            hms = days + "d " + (rest / 3_600_000 < 10 ? "0" : "") + hms;
        }
        assertThat(Durations.clock(nanos)).isEqualTo(hms);
        assertThat(Durations.clock(-nanos)).isEqualTo("-" + hms);
    }

    /** Named edges (from the sweep's former copy of this arithmetic), each a few nanoseconds either side. */
    @Example
    void humanAtNamedEdgesBelowAMinute() {
        long[] edges = {
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
            59_949_999_999L,
            59_950_000_000L,
            59_999_999_997L,
            -1_000_000,
            -999_950
        };
        for (long e : edges) {
            for (long d = -2; d <= 2; d++) {
                long n = e + d;
                if (n != 0) {
                    assertThat(Durations.human(n)).as("%d ns", n).isEqualTo(reference(n));
                }
            }
        }
    }

    /** The former arithmetic of human below a minute. */
    private static String reference(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long a = Math.abs(nanos);
        if (a < Durations.US) {
            return sign + a + "ns";
        }
        long unit = a >= Durations.S ? Durations.S : a >= Durations.MS ? Durations.MS : Durations.US;
        BigDecimal v = fourDigits(a, unit);
        if (unit != Durations.S && v.compareTo(BigDecimal.valueOf(1000)) >= 0) {
            unit *= 1000;
            v = fourDigits(a, unit);
        }
        return sign + v.toPlainString() + (unit == Durations.S ? "s" : unit == Durations.MS ? "ms" : "us");
    }

    private static BigDecimal fourDigits(long nanos, long unit) {
        return BigDecimal.valueOf(nanos)
                .divide(BigDecimal.valueOf(unit))
                .round(new MathContext(4, RoundingMode.HALF_UP))
                .stripTrailingZeros();
    }
}
