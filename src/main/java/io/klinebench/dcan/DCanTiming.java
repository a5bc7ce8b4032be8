package io.klinebench.dcan;

import io.klinebench.time.Durations;
import java.util.Objects;

/**
 * The times of the D-CAN path, each with its source (firmware-notes/dcan.md has the table).
 *
 * @param serialByte         one byte on the cable's serial side: 10 bits at 115200 baud (ediabaslib
 *                           EdInterfaceObd, D-CAN concept 0x0110: 115200 baud 8N1), 86 805 ns
 * @param serialInterByteMax the cable ends a telegram after this much silence (CanAdapter.c,
 *                           SER_REC_TIMEOUT 3 ms): a longer gap inside a request truncates it
 * @param ecuP2              how long the module takes to answer (assumption, inside p2Max)
 * @param p2Max              the module's answer limit on CAN: ISO 15765-3 P2CAN_Server max 50 ms
 * @param p2StarMax          after a responsePending: ISO 15765-3 P2*CAN_Server max 5000 ms
 * @param isoTp              the ISO-TP timers
 * @param bits               the bus: 500 kbit/s
 */
public record DCanTiming(
        long serialByte,
        long serialInterByteMax,
        long ecuP2,
        long p2Max,
        long p2StarMax,
        IsoTpTiming isoTp,
        CanBitTiming bits) {

    public DCanTiming {
        Objects.requireNonNull(isoTp, "isoTp");
        Objects.requireNonNull(bits, "bits");
        if (ecuP2 < 0 || ecuP2 > p2Max) {
            throw new IllegalArgumentException("the module's answer delay lies within 0..P2max");
        }
    }

    /** The values of the sources above, the module answering after 10 ms (assumption). */
    public static DCanTiming standard() {
        return new DCanTiming(
                86_805,
                3 * Durations.MS,
                10 * Durations.MS,
                50 * Durations.MS,
                5000 * Durations.MS,
                IsoTpTiming.standard(),
                CanBitTiming.D_CAN);
    }
}
