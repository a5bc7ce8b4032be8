package io.klinebench.dcan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.line.Hex;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Our frames and JavaCAN's both ways, built without a socket; the socket itself where this
 * machine lets it be tried: opening it, which on a kernel without SocketCAN (the build
 * machine) fails with one line naming the interface and the cause.
 */
class SocketCanTest {

    @Test
    void aDCanFrameBecomesJavaCansStandardFrameWithItsIdLengthAndData() {
        CanFrame ours = new CanFrame(0x6F1, Hex.parse("40 02 21 01 00 00 00 00"));
        tel.schich.javacan.CanFrame theirs = JavaCanFrames.toJavaCan(ours);
        assertThat(theirs.getId()).isEqualTo(0x6F1);
        assertThat(theirs.isExtended()).isFalse();
        assertThat(theirs.isRemoteTransmissionRequest()).isFalse();
        assertThat(theirs.isFDFrame()).isFalse();
        assertThat(theirs.getDataLength()).isEqualTo(8);
        byte[] data = new byte[8];
        theirs.getData(data, 0, 8);
        assertThat(data).isEqualTo(ours.data());
        // and back: the same frame, D-CAN's
        assertThat(JavaCanFrames.fromJavaCan(theirs).flatMap(CanSocket.Heard::dCan))
                .contains(ours);
    }

    @Test
    void shortAndEmptyFramesKeepTheirLength() {
        for (String hex : new String[] {"", "F1", "F1 03 7F 21 78"}) {
            CanFrame ours = new CanFrame(0x640, Hex.parse(hex));
            tel.schich.javacan.CanFrame theirs = JavaCanFrames.toJavaCan(ours);
            assertThat(theirs.getDataLength()).as(hex).isEqualTo(ours.length());
            assertThat(JavaCanFrames.fromJavaCan(theirs).flatMap(CanSocket.Heard::dCan))
                    .as(hex)
                    .contains(ours);
        }
        assertThat(JavaCanFrames.toJavaCan(new CanFrame(0x7FF, new byte[0])).getId())
                .isEqualTo(0x7FF);
    }

    @Test
    void anExtendedFrameIsHeardWithItsTwentyNineBitsButIsNoDCanFrame() {
        tel.schich.javacan.CanFrame theirs = tel.schich.javacan.CanFrame.createExtended(
                0x18DA40F1, tel.schich.javacan.CanFrame.FD_NO_FLAGS, Hex.parse("02 10 03"));
        CanSocket.Heard h = JavaCanFrames.fromJavaCan(theirs).orElseThrow();
        assertThat(h).isEqualTo(new CanSocket.Heard(0x18DA40F1, true, false, 3, Hex.parse("02 10 03")));
        assertThat(h.dCan()).isEmpty();
        assertThat(h.slcanLine()).isEqualTo("T18DA40F13021003\r");
        // our own extended frames go out as extended ones
        tel.schich.javacan.CanFrame back = JavaCanFrames.toJavaCan(h);
        assertThat(back.isExtended()).isTrue();
        assertThat(back.getId()).isEqualTo(0x18DA40F1);
        assertThat(JavaCanFrames.fromJavaCan(back)).contains(h);
    }

    @Test
    void aStandardIdWithTheSameLowBitsIsNotTakenForAnExtendedOne() {
        // 0x6F1 standard and 0x000006F1 extended are different frames on the bus
        CanSocket.Heard std = JavaCanFrames.fromJavaCan(tel.schich.javacan.CanFrame.create(
                        0x6F1, tel.schich.javacan.CanFrame.FD_NO_FLAGS, new byte[] {1}))
                .orElseThrow();
        CanSocket.Heard ext = JavaCanFrames.fromJavaCan(tel.schich.javacan.CanFrame.createExtended(
                        0x6F1, tel.schich.javacan.CanFrame.FD_NO_FLAGS, new byte[] {1}))
                .orElseThrow();
        assertThat(std).isNotEqualTo(ext);
        assertThat(std.slcanLine()).isEqualTo("t6F1101\r");
        assertThat(ext.slcanLine()).isEqualTo("T000006F1101\r");
    }

    @Test
    void aRemoteFrameIsHeardWithItsLengthAndNoData() {
        CanSocket.Heard remote = new CanSocket.Heard(0x6F1, false, true, 8, new byte[0]);
        tel.schich.javacan.CanFrame theirs = JavaCanFrames.toJavaCan(remote);
        assertThat(theirs.isRemoteTransmissionRequest()).isTrue();
        assertThat(theirs.getId()).isEqualTo(0x6F1);
        CanSocket.Heard back = JavaCanFrames.fromJavaCan(theirs).orElseThrow();
        assertThat(back).isEqualTo(remote);
        assertThat(back.dCan()).isEmpty();
        assertThat(back.slcanLine()).isEqualTo("r6F18\r");
    }

    @Test
    void aDCanFrameHeardIsWrittenAsSlcanWritesIt() {
        CanFrame f = new CanFrame(0x640, Hex.parse("F1 02 7E 00"));
        assertThat(CanSocket.Heard.of(f).slcanLine()).isEqualTo(Slcan.line(f));
    }

    @Test
    void framesACanBusCannotCarryAreRefused() {
        assertThatThrownBy(() -> new CanSocket.Heard(0x800, false, false, 0, new byte[0]))
                .hasMessageContaining("11-bit");
        assertThatThrownBy(() -> new CanSocket.Heard(0x20000000, true, false, 0, new byte[0]))
                .hasMessageContaining("29-bit");
        assertThatThrownBy(() -> new CanSocket.Heard(0x6F1, false, false, 9, new byte[9]))
                .hasMessageContaining("0..8");
    }

    /**
     * For real, whatever the machine: without SocketCAN in the kernel (here: socket(AF_CAN)
     * fails with errno 97) or without the interface (errno 19), one line with the interface
     * and the cause, and what to do.
     */
    @Test
    void openingAnInterfaceThatCannotBeHadSaysWhichAndWhyInOneLine() {
        SocketCan socket = new SocketCan("kbnone0");
        assertThatThrownBy(socket::open)
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("socketcan:kbnone0: ")
                .hasMessageNotContaining("\n")
                .satisfies(
                        e -> assertThat(e.getMessage())
                                .containsAnyOf(
                                        "this kernel has no SocketCAN (address family AF_CAN not supported, errno 97)",
                                        "no such network interface (errno 19); a virtual one for trying: ip link add dev kbnone0 type vcan"));
        assertThat(socket.receive()).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> socket.send(new CanFrame(0x6F1, new byte[0])))
                .hasMessage("socketcan:kbnone0: not open");
        socket.close(); // closing what never opened is harmless
    }

    @Test
    void anInterfaceNeedsAName() {
        assertThatThrownBy(() -> new SocketCan(" ")).hasMessageContaining("socketcan:can0");
    }
}
