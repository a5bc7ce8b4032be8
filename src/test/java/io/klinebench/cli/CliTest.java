package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    void quietPrintsTheExpectationsAndTheVerdictOfTheFullReport() {
        assertThat(run("run", "src/test/resources/sequences/expects-too-much.yaml"))
                .isEqualTo(1);
        String full = out.toString();
        out.getBuffer().setLength(0);
        assertThat(run("run", "src/test/resources/sequences/expects-too-much.yaml", "--quiet"))
                .isEqualTo(1);
        assertThat(out.toString())
                .startsWith("Expectations\n")
                .isEqualTo(full.substring(full.indexOf("\nExpectations\n") + 1));
    }

    @Test
    void aCompletionScriptForBashAndZsh() {
        assertThat(run("generate-completion")).isZero();
        assertThat(out.toString())
                .contains("complete -F _complete_kline-bench")
                .contains("sim", "tester", "validate", "--profile");
    }

    @Test
    void everySubcommandSaysItsVersion() {
        for (String sub :
                List.of("run", "sim", "tester", "listen", "validate", "report", "ports", "profiles", "sequences")) {
            out.getBuffer().setLength(0);
            assertThat(run(sub, "--version")).as(sub).isZero();
            assertThat(out.toString()).as(sub).startsWith("kline-bench ");
            out.getBuffer().setLength(0);
            assertThat(run(sub, "-V")).as(sub).isZero();
            assertThat(out.toString()).as(sub).startsWith("kline-bench ");
        }
    }

    @Test
    void onlyTheNamedCommandIsBuiltAndEverythingThatSpeaksOfAllGetsAll() {
        assertThat(Main.commandsFor(new String[] {"sim", "--profile", "x"})).containsExactly(SimCommand.class);
        assertThat(Main.commandsFor(new String[] {"sweep-merge"})).containsExactly(SweepMergeCommand.class);
        assertThat(Main.commandsFor(new String[] {"listen"})).containsExactly(ListenCommand.class);
        assertThat(Main.commandsFor(new String[] {"replay"})).containsExactly(ReplayCommand.class);
        for (String[] all : List.of(
                new String[] {}, new String[] {"--help"}, new String[] {"help", "sim"}, new String[] {"simm"})) {
            assertThat(Main.commandsFor(all)).as(String.join(" ", all)).hasSize(14);
        }
        // a misspelt command is still answered with the commands there are
        assertThat(run("simm")).isEqualTo(2);
        assertThat(err.toString()).contains("Did you mean: kline-bench sim?");
        err.getBuffer().setLength(0);
        assertThat(run("help", "tester")).isZero();
        assertThat(out.toString()).contains("Usage: kline-bench tester");
    }

    @Test
    void listenRefusesAnUnknownProfileOrUncertaintyInOneLineBeforeItOpensAnything() {
        assertThat(run("listen", "--port", "/dev/null", "--profile", "no-such-profile"))
                .isEqualTo(2);
        assertThat(err.toString().lines().toList())
                .singleElement()
                .satisfies(l -> assertThat(l).startsWith("kline-bench listen: ").contains("no-such-profile"));
        err.getBuffer().setLength(0);
        assertThat(run("listen", "--port", "/dev/null", "--profile", "r56-2007-2013", "--uncertainty", "soon"))
                .isEqualTo(2);
        assertThat(err.toString().lines().toList())
                .singleElement()
                .satisfies(l -> assertThat(l).startsWith("kline-bench listen: --uncertainty"));
        assertThat(out.toString()).isEmpty();
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
        // The mode a file the user makes gets (the umask's), not createTempFile's 0600.
        Path plain = Files.createFile(dir.resolve("plain"));
        assertThat(Files.getPosixFilePermissions(json)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void reportPrintsARealTimeRunFromItsEventsFileAndFailsOnAMissedWindow(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, """
                {"at-ns":0,"t":"0.000","type":"sim-started","profile":"r50-r53-2005-2008","summary":"R53","connect":"/tmp/k","line":"DS2"}
                {"at-ns":1000000000,"t":"1.000","type":"action-performed","action":"ignition 0"}
                {"at-ns":1000000000,"t":"1.000","type":"window-judged","name":"cycles.min-run-time","bound":"at-least","limit-nanos":500000000,"actual-nanos":300000000,"met":false,"detail":"cycle 1"}
                {"at-ns":2000000000,"t":"2.000","type":"sim-stopped"}
                """);
        assertThat(run("report", events.toString())).isEqualTo(1);
        assertThat(out.toString())
                .contains("real-time run " + events, "Actions", "ignition 0", "MISSED", "WINDOWS MISSED");
        assertThat(run("report", dir.resolve("none.jsonl").toString())).isEqualTo(2);
        // The cause, not the path said twice (it printed "cannot read X: X").
        assertThat(err.toString())
                .contains("kline-bench report: cannot read " + dir.resolve("none.jsonl") + ": no such file");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("report");
    }

    @Test
    void aJsonReportThatCannotBeWrittenIsSaidWithPathAndCauseBeforeTheRun(@TempDir Path dir) {
        Path missing = dir.resolve("missing-dir").resolve("x.json");
        assertThat(run("run", "bench-config/sequences/r53-2005-2008-ritual.yaml", "--json", missing.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("kline-bench run: --json " + missing + ": no such directory " + missing.getParent()
                        + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anHtmlReportIsWrittenBesideTheVerdictWhicheverItIs(@TempDir Path dir) throws Exception {
        Path passed = dir.resolve("ritual.html");
        assertThat(run("run", "r53-2005-2008-ritual", "--quiet", "--html", passed.toString()))
                .isZero();
        String page = Files.readString(passed);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("data-lane=\"ignition\"", "PASSED: 11 of 11");
        // Self-contained: nothing is fetched (the SVG namespace is a name, not a request).
        assertThat(page).doesNotContainPattern("(src|href)=\"(https?:)?//");

        Path failed = dir.resolve("failed.html");
        assertThat(run("run", "src/test/resources/sequences/expects-too-much.yaml", "--html", failed.toString()))
                .isEqualTo(1);
        assertThat(Files.readString(failed)).contains("class=\"outcome failed\"");
        assertThat(Files.getPosixFilePermissions(failed))
                .isEqualTo(Files.getPosixFilePermissions(Files.writeString(dir.resolve("plain"), "")));
    }

    @Test
    void anHtmlReportThatCannotBeWrittenIsSaidBeforeTheRun(@TempDir Path dir) {
        Path missing = dir.resolve("missing-dir").resolve("x.html");
        assertThat(run("run", "r53-2005-2008-ritual", "--html", missing.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("kline-bench run: --html " + missing + ": no such directory " + missing.getParent()
                        + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aProfilesFolderThatIsNotThereIsBadInputNotIgnored(@TempDir Path dir) throws Exception {
        Path none = dir.resolve("nonexistent");
        assertThat(run("run", "r53-2005-2008-ritual", "--profiles", none.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--profiles " + none + ": no such directory");

        Path file = Files.writeString(dir.resolve("a-file"), "");
        assertThat(run("validate", "none.trace", "--profiles", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--profiles " + file + ": not a directory");
        assertThat(run("profiles", "--profiles", none.toString())).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void simSaysWhyItCannotMakeItsLinkOrTraceBeforeItStarts(@TempDir Path dir) {
        Path link = dir.resolve("no-such-dir").resolve("kline");
        assertThat(run("sim", "--profile", "r56-2007-2013", "--virtual", "--link", link.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--link " + link + ": no such directory " + link.getParent());

        Path trace = dir.resolve("no-such-dir").resolve("run.trace");
        assertThat(run("sim", "--profile", "r56-2007-2013", "--virtual", "--trace", trace.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--trace " + trace + ": no such directory " + trace.getParent());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void simRefusesToReplaceAFileThatIsNotItsLink(@TempDir Path dir) throws Exception {
        Path notALink = Files.writeString(dir.resolve("kline"), "mine");
        assertThat(run("sim", "--profile", "r56-2007-2013", "--virtual", "--link", notALink.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("exists and is not a symlink");
        assertThat(Files.readString(notALink)).isEqualTo("mine");
    }

    /** sim and replay share their port options ({@link PortOptions}): the same mistake, the same words. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"sim", "replay"})
    void simAndReplaySayTheSameOfTheSamePortMistake(String command, @TempDir Path dir) throws Exception {
        List<String> head = command.equals("sim")
                ? List.of("sim", "--profile", "r56-2007-2013")
                : List.of("replay", "src/test/resources/traces/kwp-passes.trace");
        Path notALink = Files.writeString(dir.resolve("kline"), "mine");
        Map<List<String>, String> said = Map.of(
                List.of("--port", "/dev/ttyKB0", "--link", "/tmp/kb"), "--link goes with --virtual",
                List.of("--virtual", "--echo", "maybe"), "--echo: expected on or off, not 'maybe'",
                List.of("--virtual", "--link", notALink.toString()),
                        "--link " + notALink + " exists and is not a symlink; not replacing it",
                List.of(), "--port PATH or --virtual is needed");
        for (Map.Entry<List<String>, String> mistake : said.entrySet()) {
            StringWriter e = new StringWriter();
            List<String> args = new ArrayList<>(head);
            args.addAll(mistake.getKey());
            int status = Main.execute(
                    new PrintWriter(new StringWriter(), true), new PrintWriter(e, true), args.toArray(String[]::new));
            assertThat(status).as("%s", args).isEqualTo(2);
            assertThat(e.toString()).as("%s", args).startsWith("kline-bench " + command + ": " + mistake.getValue());
        }
        assertThat(Files.readString(notALink)).isEqualTo("mine");
    }
}
