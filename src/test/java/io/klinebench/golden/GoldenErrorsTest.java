package io.klinebench.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.testsupport.CliRun;
import io.klinebench.testsupport.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error messages a user meets most, pinned in {@code golden/errors/}: each one exits 2,
 * prints nothing on stdout, and says on stderr the place (file:line:col, or the option) and the
 * cause in one line.
 */
class GoldenErrorsTest {

    @TempDir
    Path tmp;

    /** The runs one after another, each checked to be bad input said on stderr alone. */
    private void assertErrors(String name, CliRun... runs) {
        for (CliRun run : runs) {
            assertThat(run.exit()).as(run.args().toString()).isEqualTo(2);
            assertThat(run.out()).as(run.args().toString()).isEmpty();
        }
        Golden.assertMatches(
                "errors/" + name,
                Arrays.stream(runs).map(r -> r.transcript(tmp)).collect(Collectors.joining("\n")));
    }

    @Test
    void anUnknownSequenceNameOrAMissingFile() {
        assertErrors(
                "run-no-such-sequence",
                CliRun.of("run", "r53-2005-2008-ritaul"),
                CliRun.of("run", "no/such/file.yaml"));
    }

    @Test
    void aTypoInASequenceFile() {
        assertErrors("run-unknown-action", CliRun.of("run", "src/test/resources/sequences/typo.yaml"));
    }

    @Test
    void aYamlSyntaxError() {
        assertErrors("run-yaml-syntax", CliRun.of("run", "src/test/resources/sequences/yaml-syntax.yaml"));
    }

    @Test
    void aBadDurationInASequenceFile() {
        assertErrors("run-bad-duration", CliRun.of("run", "src/test/resources/sequences/bad-duration.yaml"));
    }

    @Test
    void aJsonReportThatCannotBeWritten() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "");
        assertErrors(
                "run-json-unwritable",
                CliRun.of(
                        "run",
                        "r53-2005-2008-ritual",
                        "--json",
                        tmp.resolve("no-such-dir/report.json").toString()),
                CliRun.of("run", "r53-2005-2008-ritual", "--json", tmp.toString()),
                CliRun.of(
                        "run",
                        "r53-2005-2008-ritual",
                        "--json",
                        file.resolve("report.json").toString()));
    }

    @Test
    void anUnknownOption() {
        assertErrors("run-unknown-option", CliRun.of("run", "--jsn", "x.json", "r53-2005-2008-ritual"));
    }

    @Test
    void aBadUncertainty() {
        String trace = "src/test/resources/traces/kwp-passes.trace";
        assertErrors(
                "validate-bad-uncertainty",
                CliRun.of("validate", trace, "--uncertainty", "5"),
                CliRun.of("validate", trace, "--uncertainty", "0.5ns"),
                CliRun.of("validate", trace, "--uncertainty", "-1s"),
                CliRun.of("validate", trace, "--uncertainty", "400000d"));
    }

    @Test
    void aTraceThatIsMissingOrMalformedOrOfAnUnknownProfile() {
        assertErrors(
                "validate-bad-trace",
                CliRun.of("validate", "no/such.trace"),
                CliRun.of("validate", "src/test/resources/traces/malformed.trace"),
                CliRun.of("validate", "src/test/resources/traces/kwp-passes.trace", "--profile", "r60-2011"));
    }
}
