package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.serial.PtyPair;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tester}, {@code validate}, {@code report} and {@code sweep-merge} started as a user
 * starts them (a JVM of their own) and stopped by Ctrl-C (SIGINT) or SIGTERM before their end
 * say so on stderr, with where they were and the files they did not write, and leave no
 * unfinished temporary file. Each ended with 130 or 143 in silence; the merge left its
 * unfinished {@code .OUT.*.tmp} beside the user's files, and the tester, with nobody answering,
 * said its port was gone. Each waits on input that does not come (a named pipe held open, a pty
 * nobody answers on), so the stop finds it mid-work whatever the machine's load.
 */
class StoppedBySignalIT {

    @TempDir
    Path dir;

    private Process process;
    private RandomAccessFile heldOpen;

    @AfterEach
    void stop() throws Exception {
        if (process != null) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        if (heldOpen != null) {
            heldOpen.close();
        }
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile())
                .start();
        return process;
    }

    /** A named pipe holding {@code text} and never ending: its writer is held open (O_RDWR does not wait for a reader). */
    private Path pipe(String name, byte[] text) throws Exception {
        Path fifo = dir.resolve(name);
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        heldOpen = new RandomAccessFile(fifo.toFile(), "rw");
        heldOpen.write(text); // under a pipe's 64 KiB: written at once
        return fifo;
    }

    /** Waits until the process has {@code file} open (its descriptors in /proc), then a little for it to read. */
    private void waitUntilOpen(Process p, String file) throws Exception {
        Path fds = Path.of("/proc", String.valueOf(p.pid()), "fd");
        for (int i = 0; i < 600; i++) {
            try (Stream<Path> open = Files.list(fds)) {
                if (open.anyMatch(fd -> {
                    try {
                        return Files.readSymbolicLink(fd).toString().equals(file);
                    } catch (IOException gone) {
                        return false;
                    }
                })) {
                    Thread.sleep(500);
                    return;
                }
            } catch (IOException ended) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never opened " + file + ": " + Files.readString(dir.resolve("err")));
    }

    private void signal(Process p, String name) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, String.valueOf(p.pid()))
                        .start()
                        .waitFor())
                .isZero();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("it stops").isTrue();
    }

    private String err() throws IOException {
        return Files.readString(dir.resolve("err"));
    }

    private List<String> left() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void validateStoppedWhileReadingSaysSoAndThatItsPageIsNotWritten() throws Exception {
        Path trace =
                pipe("live.trace", "# profile: r50-r53-2005-2008\n1000 tester 00 1\n".getBytes(StandardCharsets.UTF_8));
        Path html = Files.writeString(dir.resolve("v.html"), "the page of yesterday\n");
        Process p = start("validate", trace.toString(), "--html", html.toString());
        waitUntilOpen(p, trace.toString());

        signal(p, "TERM");

        assertThat(p.exitValue()).as(err()).isEqualTo(143);
        assertThat(err())
                .isEqualTo("kline-bench validate: stopped while reading " + trace + "; nothing written to --html "
                        + html + " (a file there before is as it was)" + System.lineSeparator());
        assertThat(html).hasContent("the page of yesterday");
        assertThat(left()).containsExactly("err", "live.trace", "out", "v.html");
    }

    @Test
    void reportStoppedByCtrlCWhileReadingSaysSo() throws Exception {
        Path events = pipe(
                "live.jsonl",
                ("{\"at-ns\":0,\"t\":\"0.000\",\"type\":\"sim-started\",\"profile\":\"p\",\"summary\":\"s\","
                                + "\"connect\":\"c\",\"line\":\"l\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
        Process p = start("report", events.toString());
        waitUntilOpen(p, events.toString());

        signal(p, "INT");

        assertThat(p.exitValue()).as(err()).isEqualTo(130);
        assertThat(err())
                .isEqualTo("kline-bench report: stopped while reading " + events + ", before any report"
                        + System.lineSeparator());
    }

    @Test
    void sweepMergeStoppedMidWaySaysSoAndLeavesNoTemporaryFile() throws Exception {
        Path sweep = Files.writeString(
                dir.resolve("s.yaml"),
                String.join(
                        "\n",
                        "sequence: r53-2005-2008-ritual",
                        "axes:",
                        "  - {name: run_time, from: 100ms, to: 10s, steps: 20}",
                        "  - {name: key_out, from: 100ms, to: 10s, steps: 20}",
                        ""));
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        StringWriter ignored = new StringWriter();
        for (String[] shard : new String[][] {{"1/2", a.toString()}, {"2/2", b.toString()}}) {
            assertThat(Main.execute(
                            new java.io.PrintWriter(ignored),
                            new java.io.PrintWriter(ignored),
                            "sweep",
                            sweep.toString(),
                            "--shard",
                            shard[0],
                            "--json",
                            shard[1]))
                    .as("%s", ignored)
                    .isZero();
        }
        // shard 1 through a pipe that stops a third of the way: the merge waits in the middle of its points
        byte[] first = Files.readAllBytes(a);
        Path cut = pipe("a-live.json", java.util.Arrays.copyOf(first, first.length / 3));
        Files.delete(a);
        Path merged = dir.resolve("m.json");
        Process p = start("sweep-merge", merged.toString(), cut.toString(), b.toString(), "--threads", "1");
        waitUntilOpen(p, cut.toString());

        signal(p, "TERM");

        assertThat(p.exitValue()).as(err()).isEqualTo(143);
        assertThat(err())
                .isEqualTo("kline-bench sweep-merge: stopped while merging 2 shards; nothing written to OUT " + merged
                        + " (a file there before is as it was)" + System.lineSeparator());
        assertThat(left())
                .as("no unfinished .m.json.*.tmp left")
                .containsExactly("a-live.json", "b.json", "err", "out", "s.yaml");
    }

    /**
     * Ctrl-C while nobody answers: jSerialComm closes the port at shutdown, and the tester said
     * "PATH is gone (unplugged, or its other end closed)" for the user's own Ctrl-C.
     */
    @Test
    void testerStoppedByCtrlCSaysWhereItWasNotThatThePortWent() throws Exception {
        try (PtyPair pty = PtyPair.open(null)) {
            List<String> args =
                    new ArrayList<>(List.of("tester", "--port", pty.slavePath(), "--protocol", "ds2", "--echo", "off"));
            for (int i = 0; i < 40; i++) {
                args.add("00");
            }
            Process p = start(args.toArray(String[]::new));
            waitUntilOpen(p, pty.slavePath());

            signal(p, "INT");

            assertThat(p.exitValue()).as(err()).isEqualTo(130);
            assertThat(err())
                    .matches("(kline-bench tester: timing less exact: [^\n]*\n)?kline-bench tester: stopped (before its"
                            + " first request's answer|after [0-9]+ of 40 requests \\(the answers are above\\))"
                            + System.lineSeparator())
                    .doesNotContain("is gone");
        }
    }
}
