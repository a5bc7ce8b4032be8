package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kline-bench replay}'s refusals before any port opens: one line naming the cause (file:line:col for a file), exit 2. */
class ReplayCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aMalformedSimulationFileIsItsFileLineAndColumn() throws Exception {
        Path sim = dir.resolve("bc1.sim");
        Files.writeString(sim, "[REQUEST]\nkey1=00,04,0G\n[RESPONSE]\nkey1=00,04,A0,A4\n");
        assertThat(run("replay", sim.toString(), "--profile", "r50-r53-2005-2008", "--virtual"))
                .isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("kline-bench replay: " + sim + ":2:12: '0G' is not a request byte: two hex digits, XX"
                        + " (any), hh&mm or hh|mm (masked), or a final ..");
    }

    @Test
    void aSimulationFileNeedsAProfile() {
        assertThat(run("replay", "bench-config/replay/r53-bc1.sim", "--virtual"))
                .isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("kline-bench replay: --profile NAME is needed (a simulation file names none)");
    }

    @Test
    void anUnknownTreatmentOfTheWrongProtocolIsRefusedSayingWhatIsExpected() {
        assertThat(run("replay", "src/test/resources/traces/kwp-passes.trace", "--virtual", "--unknown", "status:B1"))
                .isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("kline-bench replay: --unknown: expected ignore or nrc:HH (a hex nrc code for KWP2000, e.g."
                        + " nrc:11), not 'status:B1'");
    }

    @Test
    void aBadMatchPatternSaysWhichWord() {
        assertThat(run("replay", "src/test/resources/traces/kwp-passes.trace", "--virtual", "--match", "27 02 ZZ"))
                .isEqualTo(2);
        assertThat(err.toString().strip())
                .startsWith("kline-bench replay: --match: 'ZZ' is not a hex byte, XX (any byte)");
    }

    @Test
    void aMalformedTraceIsItsLine() {
        assertThat(run(
                        "replay",
                        "src/test/resources/traces/malformed.trace",
                        "--virtual",
                        "--profile",
                        "r56-2007-2013"))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("kline-bench replay: src/test/resources/traces/malformed.trace:");
    }

    @Test
    void aTraceWithNoAnsweredRequestIsRefusedNotServed() throws Exception {
        Path headerOnly = Files.writeString(
                dir.resolve("empty.trace"), "# kline-bench trace\n# profile: r56-2007-2013\n# protocol: kwp2000\n");
        assertThat(run("replay", headerOnly.toString(), "--virtual")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("kline-bench replay: " + headerOnly
                        + ": nothing to replay: no request in it is answered (it holds no entries)");
        assertThat(out.toString()).doesNotContain("connect the tester");
    }

    @Test
    void aTraceOfAnotherProtocolThanTheProfilesIsRefused() {
        assertThat(run(
                        "replay",
                        "src/test/resources/traces/kwp-passes.trace",
                        "--virtual",
                        "--profile",
                        "r50-r53-2005-2008"))
                .isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("kline-bench replay: src/test/resources/traces/kwp-passes.trace:3:13: a kwp2000 trace;"
                        + " profile r50-r53-2005-2008 speaks ds2");
    }

    @Test
    void anUnknownProfileTheTraceNamesIsSaidAtTheLineThatNamesIt() throws Exception {
        Path trace = Files.writeString(
                dir.resolve("r99.trace"),
                Files.readString(Path.of("src/test/resources/traces/kwp-passes.trace"))
                        .replace("# profile: r56-2007-2013", "# profile: r99"));
        assertThat(run("replay", trace.toString(), "--virtual")).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("kline-bench replay: " + trace + ":2:12: profile 'r99': no such profile;");

        err.getBuffer().setLength(0);
        assertThat(run("replay", trace.toString(), "--virtual", "--profile", "r98"))
                .isEqualTo(2);
        assertThat(err.toString()).as("given, not named").startsWith("kline-bench replay: profile 'r98': no such");
    }

    /** A simulation file with a byte that is not UTF-8 said "not a text file (not UTF-8)": now where, and which byte. */
    @Test
    void aSimulationFileThatIsNotUtf8IsItsFileLineAndColumn() throws Exception {
        Path sim = dir.resolve("bc1.sim");
        Files.write(sim, "[REQUEST]\n; \u00ff\nkey1=00\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(run("replay", sim.toString(), "--profile", "r50-r53-2005-2008", "--virtual"))
                .isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("kline-bench replay: " + sim + ":2:3: not UTF-8 text: byte 0xFF (byte 13 of the file) is"
                        + " not part of a UTF-8 character (a binary file, or text in another encoding?)");
    }

    /** A simulation file of valid entries, {@code n} requests with their answers. */
    private static String simFile(int n) {
        StringBuilder sb = new StringBuilder("[REQUEST]\n");
        for (int i = 0; i < n; i++) {
            sb.append(String.format("key%d=00,05,0B,%02X%n", i, i & 0xFF));
        }
        sb.append("[RESPONSE]\n");
        for (int i = 0; i < n; i++) {
            sb.append(String.format("key%d=00,05,A0,%02X,%02X%n", i, i & 0xFF, 0xA5 ^ (i & 0xFF)));
        }
        return sb.toString();
    }

    /**
     * A simulation file has a cap per line but had none on the whole: 4 MB of valid entries
     * took 9 s and 1.35 GB resident, 160 MB over 5 GB and a minute without an end. Past 1 MiB
     * it is refused before it is read.
     */
    @Test
    void aSimulationFileOverOneMebibyteIsRefusedBeforeItIsRead() throws Exception {
        Path sim = Files.writeString(dir.resolve("huge.sim"), simFile(30_000));
        long size = Files.size(sim);
        assertThat(size).isGreaterThan(1 << 20);

        // within a bound: a file read whole would be served, the replay then running until stopped
        assertThat(assertTimeoutPreemptively(
                        Duration.ofSeconds(20),
                        () -> run(
                                "replay",
                                sim.toString(),
                                "--format",
                                "ediabas",
                                "--profile",
                                "r50-r53-2005-2008",
                                "--virtual")))
                .isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("kline-bench replay: " + sim + ": is " + size + " bytes, more than the 1048576 (1 MiB) a"
                        + " simulation file may have (some 20,000 requests with their answers; is this a .sim file?)");
    }

    /** One through a named pipe has no size to look at first: it is refused where it passes 1 MiB. */
    @Test
    void aSimulationFileThroughAPipeIsRefusedWhereItPassesOneMebibyte() throws Exception {
        Path fifo = dir.resolve("live.sim");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        byte[] text = simFile(30_000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Thread writer = new Thread(() -> {
            try (var out = Files.newOutputStream(fifo)) {
                out.write(text);
            } catch (java.io.IOException readerGone) {
                // refused before the end: the pipe's reader closed it
            }
        });
        writer.start();
        try {
            assertThat(assertTimeoutPreemptively(
                            Duration.ofSeconds(20),
                            () -> run(
                                    "replay",
                                    fifo.toString(),
                                    "--format",
                                    "ediabas",
                                    "--profile",
                                    "r50-r53-2005-2008",
                                    "--virtual")))
                    .isEqualTo(2);
        } finally {
            writer.join(10_000);
        }
        assertThat(err.toString().strip())
                .matches("kline-bench replay: " + java.util.regex.Pattern.quote(fifo.toString())
                        + ":[0-9]+:1: the file goes on past 1048576 characters \\(1 MiB\\), more than a simulation"
                        + " file may have \\(a pipe or a device that does not end, or a file that grew as it was"
                        + " read\\?\\)");
    }
}
