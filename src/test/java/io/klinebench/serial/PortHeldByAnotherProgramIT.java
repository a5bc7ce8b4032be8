package io.klinebench.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A port another program holds is said so, not as "busy or not permitted": jSerialComm opens a
 * port with an exclusive {@code flock()}, which fails while another open file holds one, as
 * {@code flock(1)} (util-linux, on every Debian) does here on a pty slave.
 */
class PortHeldByAnotherProgramIT {

    @Test
    void aPortAnotherProgramHoldsIsSaidToBeHeld() throws Exception {
        PtyPair pty = PtyPair.openPrivate();
        Process holder = new ProcessBuilder("flock", "--exclusive", pty.slavePath(), "-c", "echo held; exec sleep 60")
                .redirectErrorStream(true)
                .start();
        try (BufferedReader said =
                new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(said.readLine()).as("flock(1) holds the port").isEqualTo("held");
            JSerialCommChannel port = new JSerialCommChannel(pty.slavePath(), 9600, JSerialCommChannel.Framing.N81);
            assertThatThrownBy(port::open)
                    .hasMessageStartingWith("cannot open " + pty.slavePath()
                            + ": another program has it open and holds its lock (error 11)");
        } finally {
            holder.destroyForcibly().waitFor();
            pty.close();
        }
    }
}
