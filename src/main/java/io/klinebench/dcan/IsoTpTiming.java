package io.klinebench.dcan;

import io.klinebench.time.Durations;

/**
 * The ISO 15765-2 network layer timers, all limits inclusive (as everywhere in this project).
 *
 * <pre>
 *   N_As  sender:   a frame from the request to send to its confirmation        timeout 1000 ms
 *   N_Ar  receiver: its flow control from the request to send to confirmation  timeout 1000 ms
 *   N_Bs  sender:   end of FF (or of a block's last CF) to the flow control    timeout 1000 ms
 *   N_Br  receiver: the same gap, as a performance limit: N_Br + N_Ar &lt; 0.9 N_Bs
 *   N_Cs  sender:   end of FC (or CF) to the next CF, as a performance limit: N_Cs + N_As &lt; 0.9 N_Cr
 *   N_Cr  receiver: end of FC (or CF) to the next CF                           timeout 1000 ms
 * </pre>
 *
 * The timeouts are the standard's values (ISO 15765-2, the network layer timing table); a
 * K+DCAN cable gives up after the same second (CanAdapter.c, CAN_TIMEOUT: 100 ticks of 10 ms)
 * for both the flow control and the next consecutive frame. The standard writes the
 * performance limits with a strict "&lt;"; kept inclusive here, 1 ns apart.
 *
 * @param nAs timeout for a sender's frame to be on the bus
 * @param nAr timeout for a receiver's flow control to be on the bus
 * @param nBs timeout for the flow control, at the sender
 * @param nCr timeout for the next consecutive frame, at the receiver
 */
public record IsoTpTiming(long nAs, long nAr, long nBs, long nCr) {

    public IsoTpTiming {
        if (nAs <= 0 || nAr <= 0 || nBs <= 0 || nCr <= 0) {
            throw new IllegalArgumentException("ISO-TP timeouts are positive");
        }
    }

    /** The standard's values: every timeout 1000 ms. */
    public static IsoTpTiming standard() {
        long s = 1000 * Durations.MS;
        return new IsoTpTiming(s, s, s, s);
    }

    /** The receiver's performance limit for a flow control, N_Br + N_Ar: 0.9 N_Bs. */
    public long nBrPlusNArMax() {
        return nBs / 10 * 9;
    }

    /** The sender's performance limit for the next consecutive frame, N_Cs + N_As: 0.9 N_Cr. */
    public long nCsPlusNAsMax() {
        return nCr / 10 * 9;
    }
}
