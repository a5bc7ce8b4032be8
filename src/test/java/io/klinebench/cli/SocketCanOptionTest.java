package io.klinebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code --can socketcan:IFACE} as a user meets it on a machine where the interface cannot be
 * had: this one (a kernel without SocketCAN: socket(AF_CAN) fails, errno 97) or one without the
 * interface (errno 19). One line naming the interface and the cause, exit status 2, no stack
 * trace, nothing started.
 */
class SocketCanOptionTest {

    private static final String NO_SOCKETCAN =
            "socketcan:kbnone0: cannot open a CAN socket: this kernel has no SocketCAN (address family AF_CAN not"
                    + " supported, errno 97); it needs the can and can_raw modules (modprobe can_raw)";
    private static final String NO_INTERFACE = "socketcan:kbnone0: no such network interface (errno 19); a virtual"
            + " one for trying: ip link add dev kbnone0 type vcan && ip link set up kbnone0";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void theSimSaysInOneLineWhyTheInterfaceCannotBeHad() {
        assertThat(run("sim", "--profile", "r56-2007-2013-dcan", "--can", "socketcan:kbnone0", "--quiet"))
                .isEqualTo(2);
        assertThat(err.toString())
                .isIn(
                        "kline-bench sim: " + NO_SOCKETCAN + System.lineSeparator(),
                        "kline-bench sim: " + NO_INTERFACE + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theTesterSaysInOneLineWhyTheInterfaceCannotBeHad() {
        assertThat(run("tester", "--protocol", "dcan", "--can", "socketcan:kbnone0", "1A 80"))
                .isEqualTo(2);
        assertThat(err.toString())
                .isIn(
                        "kline-bench tester: " + NO_SOCKETCAN + System.lineSeparator(),
                        "kline-bench tester: " + NO_INTERFACE + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theInterfaceIsTheSimsPortAndCanIsForDCan() {
        assertThat(run("sim", "--profile", "r56-2007-2013-dcan", "--can", "socketcan:can0", "--virtual"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--can socketcan:can0 names the adapter's port: no --port or --virtual");
        err.getBuffer().setLength(0);
        assertThat(run("sim", "--profile", "r56-2007-2013", "--can", "socketcan:can0"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("CAN is for a D-CAN profile");
        err.getBuffer().setLength(0);
        assertThat(run("tester", "--protocol", "dcan", "--can", "socketcan:", "1A 80"))
                .isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("kline-bench tester: --can: expected slcan:PATH, slcan or socketcan:IFACE, not 'socketcan:'"
                        + System.lineSeparator());
    }
}
