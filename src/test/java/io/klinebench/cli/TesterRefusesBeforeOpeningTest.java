package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code tester} refuses before it opens anything: exit status 2 and one line naming the
 * place and the cause. The port named does not exist, so a refusal that came only after trying
 * to open it would say "no port" instead.
 */
class TesterRefusesBeforeOpeningTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static String bytes(int n) {
        return "21 ".repeat(n).trim();
    }

    /** A request longer than the protocol's frame holds was framed on the clock's loop: a stack trace, then "no answer". */
    @ParameterizedTest
    @CsvSource({"kwp2000, KWP2000, 255", "ds2, DS2, 252", "dcan, D-CAN, 255"})
    void aRequestLongerThanTheFrameHoldsIsRefusedWithTheProtocolsLimit(String protocol, String name, int most) {
        String port = dir.resolve("ttyNone").toString();
        assertThat(run("tester", "--port", port, "--protocol", protocol, "1A 80", bytes(most + 1)))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString())
                .isEqualTo("kline-bench tester: REQUEST 2: a " + name + " request carries 1.." + most
                        + " data bytes, not " + (most + 1) + System.lineSeparator());
        assertThat(out.toString()).isEmpty();

        // the longest that fits passes the check and goes on to the port
        err.getBuffer().setLength(0);
        assertThat(run("tester", "--port", port, "--protocol", protocol, bytes(most)))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).startsWith("kline-bench tester: no port " + port);
    }

    /** It was "cannot open : no such port"; sim and replay said "cannot open  to set PARMRK". */
    @ParameterizedTest
    @CsvSource({
        "tester --protocol kwp2000",
        "tester --module-search",
        "sim --profile r56-2007-2013",
        "replay src/test/resources/traces/kwp-passes.trace"
    })
    void anEmptyPortIsSaidAsSuch(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--port", ""));
        assertThat(run(args.toArray(String[]::new))).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString())
                .isEqualTo("kline-bench " + args.get(0) + ": --port: empty; a serial port's path is needed"
                        + System.lineSeparator());
    }

    /** It was "no port null". */
    @ParameterizedTest
    @CsvSource({"--module-search", "--to EMS2000 00"})
    void aModuleSearchOrRequestsToAModuleNeedAPort(String words) {
        List<String> args = new ArrayList<>(List.of("tester"));
        args.addAll(List.of(words.split(" ")));
        assertThat(run(args.toArray(String[]::new))).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).isEqualTo("kline-bench tester: --port PATH is needed" + System.lineSeparator());
    }

    /**
     * A module name the car's lines do not have was found out only after the port was open:
     * with a port that does not exist the user heard "no port", not that the name was wrong.
     */
    @org.junit.jupiter.api.Test
    void anUnknownModuleIsRefusedBeforeThePortIsOpened() {
        assertThat(run("tester", "--port", "/nonexistent/x", "--to", "NOSUCH", "00"))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString())
                .isEqualTo("kline-bench tester: --to: no module called 'NOSUCH' on this car's lines; they have"
                        + " KOMBI, EWS3, EMS2000, EHPS" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    /** A profile whose car has one line was found out only after the port was open, too. */
    @ParameterizedTest
    @CsvSource({"--module-search", "--to EMS2000 00"})
    void aProfileWithOneLineIsRefusedBeforeThePortIsOpened(String words) {
        List<String> args =
                new ArrayList<>(List.of("tester", "--port", "/nonexistent/x", "--profile", "r56-2007-2013"));
        args.addAll(List.of(words.split(" ")));
        assertThat(run(args.toArray(String[]::new))).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString())
                .isEqualTo("kline-bench tester: this profile's car has one K-line (no diagnostics.lines): no module"
                        + " search or module by name; talk to its module with --protocol" + System.lineSeparator());
    }

    /** A known module passes the checks and goes on to the port, which is then what is said. */
    @org.junit.jupiter.api.Test
    void aKnownModuleGoesOnToThePort() {
        assertThat(run("tester", "--port", "/nonexistent/x", "--to", "EMS2000", "00"))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).startsWith("kline-bench tester: no port /nonexistent/x");
    }

    /** A regular file given as the port: it was "busy or not permitted (error 25)". */
    @org.junit.jupiter.api.Test
    void aFileIsNotASerialPort() throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("somefile"), "hi");
        assertThat(run("tester", "--port", file.toString(), "--protocol", "kwp2000", "1A 80"))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString())
                .startsWith("kline-bench tester: " + file + " is not a serial port (a regular file); ");
    }
}
