package io.klinebench.time;

import static io.klinebench.time.Durations.D;
import static io.klinebench.time.Durations.H;
import static io.klinebench.time.Durations.MIN;
import static io.klinebench.time.Durations.MS;
import static io.klinebench.time.Durations.S;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Durations and instants as people read them: rounded in the largest unit that fits. */
class HumanNumbersTest {

    @Test
    void jitteredValuesAreRoundedToFourDigits() {
        assertThat(Durations.human(581_328_950)).isEqualTo("581.3ms");
        assertThat(Durations.human(4_418_671_050L)).isEqualTo("4.419s");
        assertThat(Durations.human(-4_418_671_050L)).isEqualTo("-4.419s");
        assertThat(Durations.human(12_345_678)).isEqualTo("12.35ms");
        assertThat(Durations.human(928_684)).isEqualTo("928.7us");
        assertThat(Durations.human(999_960_000)).isEqualTo("1s");
        assertThat(Durations.human(999)).isEqualTo("999ns");
    }

    @Test
    void roundValuesReadAsTheyAreWritten() {
        assertThat(Durations.human(0)).isEqualTo("0s");
        assertThat(Durations.human(500 * MS)).isEqualTo("500ms");
        assertThat(Durations.human(5 * S)).isEqualTo("5s");
        assertThat(Durations.human(2 * MIN)).isEqualTo("2min");
        assertThat(Durations.human(30 * D)).isEqualTo("30d");
        assertThat(Durations.human(300 * S)).isEqualTo("5min");
    }

    @Test
    void longDurationsTakeTwoUnits() {
        assertThat(Durations.human(12 * MIN + 3_400 * MS)).isEqualTo("12min 3s");
        assertThat(Durations.human(2 * H + 5 * MIN)).isEqualTo("2h 5min");
        assertThat(Durations.human(1_815_000 * S)).isEqualTo("21d");
        assertThat(Durations.human(21 * D + 10 * H)).isEqualTo("21d 10h");
    }

    @Test
    void aTimeColumnShowsHoursAndDaysOnceARunIsThatLong() {
        assertThat(Durations.clock(59_700 * MS)).isEqualTo("59.700s");
        assertThat(Durations.clock(3_723_456 * MS)).isEqualTo("1:02:03.456");
        assertThat(Durations.clock(30 * D)).isEqualTo("30d 00:00:00.000");
        assertThat(Durations.clock(20 * D + 1 * S)).isEqualTo("20d 00:00:01.000");
    }
}
