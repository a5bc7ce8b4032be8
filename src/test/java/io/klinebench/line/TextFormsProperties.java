package io.klinebench.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.time.Durations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.StringJoiner;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The live stream's text made by hand (hex by table, seconds by integer arithmetic) reads
 * exactly as the Formatter's did, for every value: reports and traces keep their bytes.
 */
class TextFormsProperties {

    @Property
    void hexReadsAsTheFormatterWrote(@ForAll byte[] bytes) {
        StringJoiner expected = new StringJoiner(" ");
        for (byte b : bytes) {
            expected.add(String.format(Locale.ROOT, "%02X", b & 0xFF));
        }
        assertThat(Hex.of(bytes)).isEqualTo(expected.toString());
    }

    /**
     * Seconds with three decimals, rounded half up, of any long: against exact decimal arithmetic
     * (not {@code "%.3f"} of a double, which past 2^53 ns is itself off by a millisecond).
     */
    @Property
    void secondsReadAsPercentPoint3f(@ForAll long nanos) {
        assertThat(Durations.seconds(nanos)).isEqualTo(exactSeconds(nanos));
    }

    @Example
    void secondsOfAHugeValueAreExact() {
        // the sample on which the double-based oracle was wrong: .2124994... rounds to .212
        assertThat(Durations.seconds(5378653853212499456L)).isEqualTo("5378653853.212");
    }

    /** As "%.3f" writes it (a sign on "-0.000" too), in exact decimal arithmetic. */
    private static String exactSeconds(long nanos) {
        String abs = BigDecimal.valueOf(nanos)
                .abs()
                .movePointLeft(9)
                .setScale(3, RoundingMode.HALF_UP)
                .toPlainString();
        return nanos < 0 ? "-" + abs : abs;
    }

    @Property
    void secondsNearHalfAMillisecondRoundHalfUp(@ForAll int millis, @ForAll("halves") int nanosInto) {
        long nanos = millis * 1_000_000L + nanosInto;
        assertThat(Durations.seconds(nanos)).isEqualTo(exactSeconds(nanos));
    }

    @Provide
    Arbitrary<Integer> halves() {
        return Arbitraries.integers().between(499_990, 500_010);
    }

    @Example
    void edges() {
        assertThat(Durations.seconds(0)).isEqualTo("0.000");
        assertThat(Durations.seconds(-100)).isEqualTo("-0.000");
        assertThat(Durations.seconds(1_000_500_000L)).isEqualTo("1.001");
        assertThat(Durations.seconds(Long.MIN_VALUE))
                .isEqualTo(String.format(Locale.ROOT, "%.3f", Long.MIN_VALUE / 1e9));
        assertThat(Hex.of(new byte[] {0x00, (byte) 0xFF}, 1, 1)).isEmpty();
    }
}
