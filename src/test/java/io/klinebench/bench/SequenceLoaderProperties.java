package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import java.io.StringReader;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever durations and repeat structures a sequence holds, the loader ends in bounded time
 * with a sequence or an error at a place (never another exception, never a hang): durations
 * of any size and precision, repeats nested up to four deep, of 1 to 100,000 times, around
 * zero to three steps.
 */
class SequenceLoaderProperties {

    private static final String HEAD = """
            profile: r50-r53-2005-2008
            car:
              keys:
                A: {remote: 0x1A2B3C, slot: 0}
            steps:
            """;
    private static final String TAIL = """
            expect:
              - event: cycle-counted
            """;
    private static final SequenceLoader LOADER = new SequenceLoader(ProfileCatalog.builtIn());

    @Property(tries = 150)
    void theLoaderEndsWithASequenceOrAnErrorAtAPlace(@ForAll("steps") String steps) {
        String yaml = HEAD + steps + TAIL;
        Object outcome = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try {
                return LOADER.read("seq.yaml", new StringReader(yaml));
            } catch (ConfigException e) {
                return e;
            }
        });
        if (outcome instanceof ConfigException e) {
            assertThat(e.getMessage()).startsWith("seq.yaml:");
            assertThat(e.pos().line()).isPositive();
        } else {
            assertThat(((Sequence) outcome).steps()).hasSizeLessThanOrEqualTo(1_000_000);
        }
    }

    @Provide
    Arbitrary<String> steps() {
        return list(4, "  ");
    }

    private Arbitrary<String> list(int depth, String indent) {
        Arbitrary<String> step = Combinators.combine(
                        Arbitraries.of("after", "at"),
                        duration(),
                        Arbitraries.of("insert A", "remove A", "press A lock for ", "wait "),
                        duration())
                .as((key, d, action, d2) -> indent + "- {" + key + ": " + d + ", do: "
                        + (action.endsWith(" ") ? action + d2 : action) + "}\n");
        Arbitrary<String> item = depth == 0
                ? step
                : Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, step),
                        net.jqwik.api.Tuple.of(
                                2,
                                Combinators.combine(
                                                Arbitraries.of(1, 2, 10, 1000, 100_000),
                                                list(depth - 1, indent + "    "))
                                        .as((times, inner) -> indent + "- repeat: " + times + "\n" + indent + "  steps:"
                                                + (inner.isEmpty() ? " []\n" : "\n" + inner))));
        return item.list().ofMinSize(0).ofMaxSize(3).map(l -> String.join("", l));
    }

    /** Durations of any size: a few digits to 25, whole or with a fraction, in any unit. */
    private static Arbitrary<String> duration() {
        Arbitrary<String> digits =
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25);
        Arbitrary<String> fraction = Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12).map(f -> "." + f));
        return Combinators.combine(digits, fraction, Arbitraries.of("ns", "us", "ms", "s", "min", "h", "d"))
                .as((n, f, unit) -> n + f + unit);
    }
}
