package io.klinebench.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.time.Durations;
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

    @Property
    void secondsReadAsPercentPoint3f(@ForAll long nanos) {
        assertThat(Durations.seconds(nanos)).isEqualTo(String.format(Locale.ROOT, "%.3f", nanos / 1e9));
    }

    @Property
    void secondsNearHalfAMillisecondRoundHalfUp(@ForAll int millis, @ForAll("halves") int nanosInto) {
        long nanos = millis * 1_000_000L + nanosInto;
        assertThat(Durations.seconds(nanos)).isEqualTo(String.format(Locale.ROOT, "%.3f", nanos / 1e9));
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
