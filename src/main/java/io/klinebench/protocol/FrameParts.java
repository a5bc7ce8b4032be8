package io.klinebench.protocol;

import java.util.Objects;

/**
 * A whole frame of a protocol taken apart ({@link DiagnosticProtocol#unframe}): the addresses
 * its header names and the data the application layer sees (KWP2000: SID and parameters; DS2:
 * the bytes after ADDR LEN, an answer's status byte first).
 *
 * @param target the address it is sent to (DS2: its one ADDR byte), -1 when the header names none
 * @param source the address it comes from (DS2: its one ADDR byte too), -1 when the header names none
 * @param data   the application data
 */
public record FrameParts(int target, int source, byte[] data) {
    public FrameParts {
        Objects.requireNonNull(data, "data");
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }
}
