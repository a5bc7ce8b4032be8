package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: output, errors and exit status. */
class CliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void versionAndHelp() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("kline-bench ");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("run", "profiles", "sequences");
        assertThat(run("run", "--help")).isZero();
        assertThat(out.toString()).contains("--json", "Exit status");
    }

    @Test
    void profilesListsTheThreeProfilesWithASummary() {
        assertThat(run("profiles")).isZero();
        assertThat(out.toString().lines())
                .anySatisfy(l -> assertThat(l).startsWith("r50-r53-2002-2004").contains("1 ignition cycle"))
                .anySatisfy(l -> assertThat(l).startsWith("r50-r53-2005-2008").contains("4 ignition cycles"))
                .anySatisfy(l -> assertThat(l).startsWith("r56-2007-2013").contains("3 ignition cycles"));
    }

    @Test
    void runningAShippedSequenceExitsZeroWithTheReport() {
        assertThat(run("run", "bench-config/sequences/r53-2005-2008-ritual.yaml"))
                .isZero();
        assertThat(out.toString()).contains("Timing windows", "completion.key-out-deadline", "PASS", "PASSED");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aBuiltInSequenceRunsByName() {
        assertThat(run("run", "r53-2005-2008-ritual")).isZero();
        assertThat(out.toString()).contains("built-in sequences/r53-2005-2008-ritual.yaml", "PASSED");
    }

    @Test
    void aFailedExpectationExitsOneAndSaysWhich() {
        assertThat(run("run", "src/test/resources/sequences/expects-too-much.yaml"))
                .isEqualTo(1);
        assertThat(out.toString())
                .contains("FAIL  learn-window-opened happens", "PASS  learn-aborted", "FAILED: 1 passed, 1 failed");
    }

    @Test
    void badInputExitsTwoWithPlaceAndCauseAndNoStackTrace() {
        assertThat(run("run", "src/test/resources/sequences/typo.yaml")).isEqualTo(2);
        assertThat(err.toString())
                .contains("typo.yaml:7:")
                .contains("unknown action 'insret'")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingFileExitsTwo() {
        assertThat(run("run", "no/such/file.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("no/such/file.yaml").contains("no such file");
    }

    @Test
    void unknownOptionExitsTwoWithAHint() {
        assertThat(run("run", "--jsn", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option").contains("--help");
    }

    @Test
    void jsonReportIsWrittenWithTheDocumentedShape(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("report.json");
        assertThat(run("run", "bench-config/sequences/r53-2005-2008-ritual.yaml", "--json", json.toString()))
                .isZero();
        JsonNode root = new ObjectMapper().readTree(Files.readString(json));
        assertThat(root.get("schema").asText()).isEqualTo("kline-bench/run-report/1");
        assertThat(root.get("passed").asBoolean()).isTrue();
        assertThat(root.get("steps").get(0).has("at-ns")).isTrue();
        JsonNode window = root.get("windows").get(0);
        assertThat(window.fieldNames())
                .toIterable()
                .containsExactly("at-ns", "t", "name", "bound", "limit-ns", "actual-ns", "margin-ns", "met", "detail");
        assertThat(root.get("events").get(0).get("type").asText()).isNotEmpty();
        assertThat(root.get("summary").get("failed").asInt()).isZero();
        assertThat(dir.toFile().list()).containsExactly("report.json");
    }
}
