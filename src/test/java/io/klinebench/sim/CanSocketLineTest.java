package io.klinebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.dcan.CanSocket;
import io.klinebench.line.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A CAN socket as an slcan adapter's line: what a host writes is answered as an adapter answers it. */
class CanSocketLineTest {

    private final MemoryCanBus bus = new MemoryCanBus();
    private final CanSocketLine line = new CanSocketLine(bus.socket("host"));

    @AfterEach
    void close() {
        line.close();
    }

    @Test
    void theOpeningIsAnsweredAndEachFrameGoesOnTheBusAndIsTaken() throws IOException {
        line.open();
        write("C\rS6\rO\r");
        assertThat(read(3)).isEqualTo("\r\r\r");
        write("t6F184002210100000000\r");
        assertThat(read(2)).isEqualTo("z\r");
        assertThat(bus.carried()).containsExactly("host 6F1 [40 02 21 01 00 00 00 00]");
    }

    @Test
    void framesOnTheBusArriveAsTheAdaptersLinesWhateverTheirKind() throws IOException {
        line.open();
        bus.put("car", new CanSocket.Heard(0x640, false, false, 4, Hex.parse("F1 02 7E 00")));
        assertThat(read("t6404F1027E00\r".length())).isEqualTo("t6404F1027E00\r");
        bus.put("other", new CanSocket.Heard(0x18DA40F1, true, false, 1, Hex.parse("3E")));
        assertThat(read("T18DA40F113E\r".length())).isEqualTo("T18DA40F113E\r");
    }

    @Test
    void whatIsNotAFrameOrACommandIsAnsweredWithBel() throws IOException {
        line.open();
        write("t6F1G4002\r");
        assertThat(read(1)).isEqualTo("\u0007");
        assertThat(bus.carried()).isEmpty();
    }

    @Test
    void aFrameTheSocketRefusesIsAnsweredWithBel() throws IOException {
        line.open();
        bus.refuseSends("the interface is down (errno 100)");
        write("t6F184002210100000000\r");
        assertThat(read(1)).isEqualTo("\u0007");
        assertThat(bus.carried()).isEmpty();
    }

    @Test
    void closingEndsTheLine() throws IOException {
        line.open();
        line.close();
        assertThat(line.read(new byte[16])).isEqualTo(-1);
    }

    private void write(String text) throws IOException {
        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
            line.write(b & 0xFF);
        }
    }

    /** {@code n} bytes from the line, as a reader gets them. */
    private String read(int n) {
        StringBuilder s = new StringBuilder();
        byte[] buffer = new byte[n];
        while (s.length() < n) {
            int got = line.read(buffer);
            assertThat(got).as("the line ended after \"%s\"", s).isPositive();
            s.append(new String(buffer, 0, Math.min(got, n - s.length()), StandardCharsets.US_ASCII));
        }
        return s.toString();
    }
}
