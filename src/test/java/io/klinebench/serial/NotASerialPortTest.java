package io.klinebench.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A path that is no serial port is said as such, whichever way the port is opened (a tester's
 * plain open, the sim's and replay's PARMRK set-up first): it was "busy or not permitted (error
 * 25)", "cannot set PARMRK ... Inappropriate ioctl for device" and "cannot open  to set PARMRK".
 */
class NotASerialPortTest {

    @TempDir
    Path dir;

    private static String opening(String path, boolean parmrk) {
        JSerialCommChannel channel = new JSerialCommChannel(path, 10400, JSerialCommChannel.Framing.N81, parmrk);
        try {
            channel.open();
            channel.close();
            throw new AssertionError(path + " opened as a serial port");
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aRegularFileIsNotASerialPort(boolean parmrk) throws Exception {
        Path file = Files.writeString(dir.resolve("somefile"), "hi");
        assertThat(opening(file.toString(), parmrk)).startsWith(file + " is not a serial port (a regular file); ");
        assertThat(Files.readString(file)).isEqualTo("hi");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aDirectoryIsNotASerialPort(boolean parmrk) {
        assertThat(opening(dir.toString(), parmrk)).startsWith(dir + " is not a serial port (a directory); ");
    }

    /** A character device that is no terminal: the kernel's ENOTTY, said as what it means. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aDeviceThatIsNoTerminalIsNotASerialPort(boolean parmrk) {
        assertThat(opening("/dev/null", parmrk))
                .startsWith("/dev/null is not a serial port (a device, but no terminal: error 25)");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anEmptyPathIsNoPortGiven(boolean parmrk) {
        assertThat(opening("", parmrk)).startsWith("no port given (an empty path); ");
    }

    @Test
    void aNamedPipeIsNotASerialPort() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThat(NotASerialPort.why(fifo.toString())).contains(fifo + " is not a serial port (a named pipe)");
    }

    @Test
    void aMissingPathOrAPtyIsLeftToTheOpening() throws Exception {
        assertThat(NotASerialPort.why(dir.resolve("ttyNone").toString())).isEmpty();
        try (PtyPair pty = PtyPair.open(null)) {
            assertThat(NotASerialPort.why(pty.slavePath())).isEmpty();
        }
    }

    @Test
    void theParmrkSetUpSaysADeviceIsNoTerminal() {
        assertThatThrownBy(() -> ParmrkTermios.configure("/dev/null", false))
                .hasMessage("/dev/null is not a serial port (a device, but no terminal: error 25)");
    }
}
