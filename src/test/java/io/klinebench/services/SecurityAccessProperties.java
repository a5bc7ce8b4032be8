package io.klinebench.services;

import static io.klinebench.services.Diag.R56;
import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Seed and key over many inputs. */
class SecurityAccessProperties {

    @Property
    void seedsAreNeverZeroAndRepeatForTheSameInput(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long now,
            @ForAll @IntRange(min = 0, max = 1_000_000) int index) {
        int seed = SecurityAccess.seed(now, index);
        assertThat(seed).isBetween(0x0001, 0xFFFF).isEqualTo(SecurityAccess.seed(now, index));
    }

    @Property(tries = 50)
    void theDocumentedKeyUnlocksWhateverTheTime(@ForAll @LongRange(min = 0, max = 86_400_000_000_000L) long at) {
        Diag d = Diag.of(R56);
        d.bench.advanceNanos(at);
        d.send("10 86");
        String seed = d.send("27 01");
        assertThat(seed).doesNotEndWith("00 00");

        assertThat(d.unlockKwpFromSeedText(seed)).isEqualTo("67 02 34");
    }
}
