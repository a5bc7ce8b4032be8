package io.klinebench.dcan;

import java.util.Optional;

/**
 * Our frames and JavaCAN's ({@code tel.schich.javacan.CanFrame}), both ways, without a socket:
 * JavaCAN builds and reads its frames in plain Java buffers.
 */
final class JavaCanFrames {

    private JavaCanFrames() {}

    /** D-CAN's frame as JavaCAN sends it: 11-bit identifier, no flags, its data. */
    static tel.schich.javacan.CanFrame toJavaCan(CanFrame frame) {
        return tel.schich.javacan.CanFrame.create(frame.id(), tel.schich.javacan.CanFrame.FD_NO_FLAGS, frame.data());
    }

    /** Any classic frame we might write: extended and remote ones too (for tests and other nodes). */
    static tel.schich.javacan.CanFrame toJavaCan(CanSocket.Heard frame) {
        // the raw identifier as SocketCAN has it: the format and remote flags in its top bits
        int raw = frame.id()
                | (frame.extended() ? tel.schich.javacan.CanId.EFF_FLAG : 0)
                | (frame.remote() ? tel.schich.javacan.CanId.RTR_FLAG : 0);
        byte[] data = frame.remote() ? new byte[frame.length()] : frame.data();
        return tel.schich.javacan.CanFrame.createRaw(
                raw, tel.schich.javacan.CanFrame.FD_NO_FLAGS, data, 0, data.length);
    }

    /**
     * A frame JavaCAN read, as heard; empty for an error frame or a CAN FD frame, which a raw
     * socket delivers only when asked to (we never ask: no error mask, no CAN_RAW_FD_FRAMES).
     */
    static Optional<CanSocket.Heard> fromJavaCan(tel.schich.javacan.CanFrame frame) {
        if (frame.isError() || frame.isFDFrame() || frame.getDataLength() > CanFrame.MAX_DATA) {
            return Optional.empty();
        }
        int length = frame.getDataLength();
        boolean remote = frame.isRemoteTransmissionRequest();
        byte[] data = new byte[remote ? 0 : length];
        if (!remote) {
            frame.getData(data, 0, length);
        }
        return Optional.of(new CanSocket.Heard(frame.getId(), frame.isExtended(), remote, length, data));
    }
}
