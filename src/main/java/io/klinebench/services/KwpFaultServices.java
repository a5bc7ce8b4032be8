package io.klinebench.services;

import io.klinebench.car.DiagnosticAccess;
import io.klinebench.car.FaultMemory;
import io.klinebench.kline.NegativeResponse;
import io.klinebench.kline.Nrc;
import io.klinebench.kline.Reply;
import java.util.List;

/**
 * The KWP2000 services of the module's fault memory (ISO 14230-3's diagnostic trouble code
 * unit): 14 ClearDiagnosticInformation, 17 ReadStatusOfDiagnosticTroubleCodes, 18
 * ReadDiagnosticTroubleCodesByStatus. They need no session and no security access.
 */
final class KwpFaultServices {

    /** statusOfDTC bits 6-5 (DTCStorageState): 11 present, 01 stored and not present. */
    static final int DTC_PRESENT = 0x60;

    static final int DTC_STORED = 0x20;

    private final DiagnosticAccess module;

    KwpFaultServices(DiagnosticAccess module) {
        this.module = module;
    }

    /** 14 GH GL -> 54 GH GL: the whole fault memory cleared (group FF00 or FFFF: all). */
    Reply clearDiagnosticInformation(byte[] r) throws NegativeResponse {
        if (r.length != 3) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        requireAllGroups(r[1], r[2]);
        module.clearFaults();
        return KwpAnswers.positive(r, r[1], r[2]);
    }

    /** 17 DH DL -> 57 01 DH DL ST OC AG (occurrences and age capped at 255), or 57 00. */
    Reply readStatusOfDtc(byte[] r) throws NegativeResponse {
        if (r.length != 3) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        int dtc = (r[1] & 0xFF) << 8 | (r[2] & 0xFF);
        FaultMemory.Fault fault = FaultMemory.Fault.ofDtc(dtc).orElseThrow(Nrc.REQUEST_OUT_OF_RANGE::reject);
        return module.faults()
                .entry(fault)
                .map(e -> KwpAnswers.positive(
                        r, 1, r[1], r[2], status(e), Math.min(255, e.occurrences()), Math.min(255, e.age())))
                .orElse(KwpAnswers.positive(r, 0));
    }

    /**
     * 18 SS GH GL -> 58 NN {DH DL ST}. SS 00/02: the faults stored; 01/03: every fault we
     * know, status 00 where not stored. Group FF00 or FFFF: all.
     */
    Reply readDtcByStatus(byte[] r) throws NegativeResponse {
        if (r.length != 4) {
            throw Nrc.INVALID_FORMAT.reject();
        }
        int status = r[1] & 0xFF;
        if (status > 3) {
            throw Nrc.REQUEST_OUT_OF_RANGE.reject();
        }
        requireAllGroups(r[2], r[3]);
        boolean supported = (status & 1) != 0;
        List<FaultMemory.Entry> stored = module.faults().entries();
        byte[] out = new byte[2 + 3 * (supported ? FaultMemory.Fault.values().length : stored.size())];
        out[0] = (byte) (KwpServices.READ_DTC_BY_STATUS + KwpAnswers.POSITIVE);
        int i = 2;
        int n = 0;
        for (FaultMemory.Fault f : FaultMemory.Fault.values()) {
            var e = module.faults().entry(f);
            if (e.isEmpty() && !supported) {
                continue;
            }
            out[i++] = (byte) (f.dtc() >> 8);
            out[i++] = (byte) f.dtc();
            out[i++] = (byte) (int) e.map(KwpFaultServices::status).orElse(0);
            n++;
        }
        out[1] = (byte) n;
        return Reply.answer(out);
    }

    private static void requireAllGroups(byte hi, byte lo) throws NegativeResponse {
        int group = (hi & 0xFF) << 8 | (lo & 0xFF);
        if (group != 0xFF00 && group != 0xFFFF) {
            throw Nrc.REQUEST_OUT_OF_RANGE.reject();
        }
    }

    private static int status(FaultMemory.Entry e) {
        return e.present() ? DTC_PRESENT : DTC_STORED;
    }
}
