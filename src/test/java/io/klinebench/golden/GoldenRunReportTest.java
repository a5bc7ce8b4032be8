package io.klinebench.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.bench.BuiltInSequences;
import io.klinebench.testsupport.CliRun;
import io.klinebench.testsupport.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kline-bench run NAME}'s text report of every built-in sequence, whole and with {@code
 * --quiet}, pinned in {@code golden/run/NAME.txt} and {@code golden/run-quiet/NAME.txt}: a new
 * sequence fails here until its golden files are made ({@link Golden#howToUpdate}), and a
 * removed one until its files are deleted. Beside the golden text, the report's tables are
 * checked to stay aligned: one time column width per section, and the timing windows' actual
 * and margin columns at one place.
 */
class GoldenRunReportTest {

    static List<String> sequences() {
        return BuiltInSequences.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void theReport(String name) {
        CliRun run = CliRun.of("run", name);
        assertThat(run.err()).as(name).isEmpty();
        assertAligned(name, run.out());
        Golden.assertMatches("run/" + name, run.transcript());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void theQuietReport(String name) {
        Golden.assertMatches(
                "run-quiet/" + name, CliRun.of("run", name, "--quiet").transcript());
    }

    @Test
    void aFailingSequence() {
        CliRun run = CliRun.of("run", "src/test/resources/sequences/expects-too-much.yaml");
        assertThat(run.exit()).isEqualTo(1);
        assertAligned("expects-too-much", run.out());
        Golden.assertMatches("run-failing/expects-too-much", run.transcript());
        Golden.assertMatches(
                "run-failing/expects-too-much-quiet",
                CliRun.of("run", "src/test/resources/sequences/expects-too-much.yaml", "--quiet")
                        .transcript());
    }

    /** Every golden file of a run names a built-in sequence: one whose sequence is gone is deleted with it. */
    @Test
    void noGoldenFileOutlivesItsSequence() throws IOException {
        for (String folder : List.of("run", "run-quiet")) {
            Path dir = Golden.DIR.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString().replaceFirst("\\.txt$", "")))
                        .as("golden files in %s without a built-in sequence of their name: delete them", dir)
                        .allMatch(sequences()::contains);
            }
        }
    }

    private static final Pattern TIMED = Pattern.compile("^  ( *\\S+)  \\S");
    private static final List<String> TABLES = List.of("Steps", "Timing windows", "Events (timing windows above)");

    /** The report's tables: each section's rows start their second column at one place. */
    static void assertAligned(String name, String report) {
        List<String> lines = report.lines().toList();
        for (String table : TABLES) {
            int start = lines.indexOf(table);
            assertThat(start).as("%s: section '%s'", name, table).isNotNegative();
            List<String> rows = new ArrayList<>();
            for (int i = start + 1; i < lines.size() && !lines.get(i).isEmpty(); i++) {
                rows.add(lines.get(i));
            }
            List<Integer> timeEnds = new ArrayList<>();
            for (String row : rows) {
                Matcher m = TIMED.matcher(row);
                if (m.find()) {
                    timeEnds.add(m.end(1));
                }
            }
            assertThat(timeEnds.stream().distinct())
                    .as("%s: '%s' time column ends at one place:\n%s", name, table, String.join("\n", rows))
                    .hasSizeLessThanOrEqualTo(1);
            if (table.equals("Timing windows")) {
                for (String column : List.of(" actual ", " margin ")) {
                    assertThat(rows.stream()
                                    .filter(r -> r.contains(column))
                                    .map(r -> r.indexOf(column))
                                    .distinct())
                            .as("%s: '%s' column at one place:\n%s", name, column.strip(), String.join("\n", rows))
                            .hasSizeLessThanOrEqualTo(1);
                }
            }
        }
    }
}
