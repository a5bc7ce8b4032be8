package io.klinebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.report.JsonReport;
import io.klinebench.report.TextReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped sequence runs through the real loader and runner and must hold. */
class SequenceFilesTest {

    static Stream<Path> shippedSequences() throws IOException {
        return Files.list(Path.of("bench-config/sequences"))
                .filter(p -> p.toString().endsWith(".yaml"))
                .sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedSequences")
    void shippedSequenceHolds(Path file) throws Exception {
        BenchResult result = Bench.run(file);
        assertThat(result.verdicts()).as("a sequence must check something").isNotEmpty();
        assertThat(result.passed()).as(() -> TextReport.render(result)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedSequences")
    void shippedSequenceIsDeterministic(Path file) throws Exception {
        assertThat(JsonReport.toJson(Bench.run(file))).isEqualTo(JsonReport.toJson(Bench.run(file)));
    }
}
