package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.klinebench.serial.PtyPair;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A port that vanishes under {@code tester} (the sim on its other end stopped: here the test
 * closes the pty's master) ends the run at once, said as the cause, exit status 2. It used to
 * be "no answer" for every request left, 1.2 s each, then exit status 1.
 */
class TesterStopsWhenThePortGoesTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        later.shutdownNow();
    }

    private int run(List<String> args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    }

    /** Closes the pty's master {@code ms} after the tester opened its slave: the port vanishes under it. */
    private void goneAfterOpen(PtyPair pty, long ms) {
        pty.onTesterOpen(() -> later.schedule(pty::close, ms, TimeUnit.MILLISECONDS));
    }

    /** Nobody answers on the pty, so each request waits out its answer until the port goes. */
    @Test
    void fortyRequestsStopWhenThePortGoesAndSaySo() throws Exception {
        PtyPair pty = PtyPair.open(null);
        try {
            List<String> args =
                    new ArrayList<>(List.of("tester", "--port", pty.slavePath(), "--protocol", "ds2", "--echo", "off"));
            for (int i = 0; i < 40; i++) {
                args.add("00");
            }
            goneAfterOpen(pty, 2500);
            int status = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run(args));

            assertThat(status).as("%s", err).isEqualTo(Main.BAD_INPUT);
            assertThat(err.toString())
                    .matches("kline-bench tester: " + pty.slavePath()
                            + " is gone \\(unplugged, or its other end closed\\); stopped after [0-9] of 40 requests"
                            + System.lineSeparator());
            // what was asked before it went is said, each as it ended
            assertThat(out.toString()).contains("00 -> no answer");
        } finally {
            pty.close();
        }
    }

    @Test
    void aModuleSearchStopsWhenThePortGoesAndSaysSo() throws Exception {
        PtyPair pty = PtyPair.open(null);
        try {
            goneAfterOpen(pty, 300);
            int status = assertTimeoutPreemptively(
                    Duration.ofSeconds(10),
                    () -> run(List.of("tester", "--port", pty.slavePath(), "--module-search", "--echo", "off")));

            assertThat(status).as("%s", err).isEqualTo(Main.BAD_INPUT);
            assertThat(err.toString())
                    .isEqualTo("kline-bench tester: " + pty.slavePath()
                            + " is gone (unplugged, or its other end closed); the module search stopped"
                            + System.lineSeparator());
        } finally {
            pty.close();
        }
    }
}
