package io.klinebench.protocol;

import io.klinebench.car.BodyControlModule;
import io.klinebench.dcan.BmwFastDecoder;
import io.klinebench.dcan.BmwFastTelegram;
import io.klinebench.dcan.BmwFastTimingCheck;
import io.klinebench.dcan.CanAccess;
import io.klinebench.dcan.DCanEcuLink;
import io.klinebench.dcan.DCanTester;
import io.klinebench.dcan.DCanTiming;
import io.klinebench.dcan.IsoTpFrame;
import io.klinebench.dcan.SlcanEcuLink;
import io.klinebench.dcan.SlcanTester;
import io.klinebench.dcan.SlcanTimingCheck;
import io.klinebench.kline.DiagnosticApplication;
import io.klinebench.kline.EcuLink;
import io.klinebench.kline.Fault;
import io.klinebench.kline.KwpSides;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.Nrc;
import io.klinebench.kline.SideSplitter;
import io.klinebench.kline.Tester;
import io.klinebench.kline.Violation;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.TraceEntry;
import io.klinebench.services.KwpServices;
import io.klinebench.time.Clock;
import io.klinebench.time.Uncertainty;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * D-CAN as a K+DCAN cable in D-CAN mode presents it (the R56 from 03/2007): BMW-FAST telegrams
 * at 115200 baud on the cable's serial side; behind it ISO-TP on 500 kbit/s CAN, the JBE and
 * the CAS (see {@link DCanEcuLink}). The application is KWP2000's services: BMW-FAST is
 * KWP2000 with BMW's framing. No init. Or, with {@link CanAccess} slcan, CAN itself through an
 * slcan adapter ({@link SlcanEcuLink}, {@link SlcanTester}).
 *
 * @param timing        the serial side's, the bus's and the module's times
 * @param testerAddress the tester's source address (F1)
 * @param access        what the port carries: the cable's BMW-FAST, or slcan
 */
public record DCan(DCanTiming timing, int testerAddress, CanAccess access) implements DiagnosticProtocol {

    /** As profiles and the command line name it. */
    public static final String ID = "dcan";
    /** As a trace of an slcan line names it: its bytes are slcan text, not BMW-FAST. */
    public static final String SLCAN_ID = "dcan-slcan";

    /** Through a K+DCAN cable. */
    public DCan(DCanTiming timing, int testerAddress) {
        this(timing, testerAddress, CanAccess.CABLE);
    }

    /** The same protocol reached another way. */
    public DCan through(CanAccess how) {
        return new DCan(timing, testerAddress, how);
    }

    /** An slcan line's trace (either end of it reads the same): its CAN frames, not BMW-FAST telegrams. */
    @Override
    public DiagnosticProtocol asTraced(String traceId) {
        return traceId.equals(SLCAN_ID) && !access.slcan() ? through(CanAccess.SLCAN_HOST) : this;
    }

    public DCan {
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(access, "access");
        if (testerAddress < 0 || testerAddress > 0xFF) {
            throw new IllegalArgumentException("the tester address is a byte, 00..FF");
        }
    }

    @Override
    public String name() {
        return "D-CAN";
    }

    @Override
    public String id() {
        return access.slcan() ? SLCAN_ID : ID;
    }

    @Override
    public List<InitProcedure> inits() {
        return List.of();
    }

    @Override
    public EcuLink ecuLink(
            Clock clock,
            LineEndpoint line,
            LineConditions conditions,
            int ecuAddress,
            DiagnosticApplication application,
            Consumer<LinkEvent> events) {
        if (access.slcan()) {
            return new SlcanEcuLink(clock, line, conditions, access.role(), ecuAddress, timing, application, events);
        }
        return new DCanEcuLink(clock, line, conditions, ecuAddress, testerAddress, timing, application, events);
    }

    @Override
    public Tester tester(
            Clock clock, LineEndpoint line, LineConditions conditions, int ecuAddress, Consumer<LinkEvent> events) {
        if (access.slcan()) {
            return new SlcanTester(clock, line, conditions, ecuAddress, testerAddress, timing, events);
        }
        return new DCanTester(clock, line, conditions, ecuAddress, testerAddress, timing, events);
    }

    @Override
    public List<Violation> judge(List<TraceEntry> trace, Uncertainty stamps) {
        if (access.slcan()) {
            return SlcanTimingCheck.judge(trace, timing);
        }
        return BmwFastTimingCheck.judge(trace, timing, stamps);
    }

    /** BMW-FAST telegrams carry both addresses: the sides are told as for addressed KWP2000 frames. */
    @Override
    public SideSplitter sideSplitter(int ecuAddress, Uncertainty stamps) {
        if (access.slcan()) {
            // both ends of an slcan line are ours (sim and tester); 'listen' is for a cable's line
            throw new IllegalArgumentException("listening on an slcan line is not built; listen to a K+DCAN cable's");
        }
        return new SideSplitter(
                new BmwFastDecoder(DCanTester.ANSWER_INTER_BYTE_MAX + stamps.nanos()),
                new KwpSides(ecuAddress, testerAddress),
                null,
                0);
    }

    @Override
    public DiagnosticApplication application(BodyControlModule car, DiagnosticProfile profile) {
        return new KwpServices(car, profile.security(), profile.identification());
    }

    /** What the module on D-CAN cannot make, and why; a sequence that asks for it is refused at load. */
    @Override
    public String cannotMake(Fault fault) {
        return DCanEcuLink.cannotMake(fault);
    }

    /** None is known publicly (EDIABAS takes it from the module's description file); the bench's tester waits for the answer. */
    @Override
    public long requestGap() {
        return 0;
    }

    @Override
    public long answerTimeout() {
        return timing.p2Max();
    }

    @Override
    public boolean isResponsePending(byte[] answer) {
        return Iso14230Bytes.isResponsePending(answer);
    }

    @Override
    public long pendingTimeout() {
        return timing.p2StarMax();
    }

    /** Back to back at 115200 baud, as a UART writes them. */
    @Override
    public long realLineInterByte() {
        return timing.serialByte();
    }

    @Override
    public long testerInterByteMax() {
        // over slcan a request is frames on the bus: its longest allowed pause is N_Cr
        return access.slcan() ? timing.isoTp().nCr() : timing.serialInterByteMax();
    }

    /** A BMW-FAST telegram to the cable carries 255 data bytes; ISO-TP on the bus itself, 4095. */
    @Override
    public int longestRequest() {
        return access.slcan() ? IsoTpFrame.MAX_MESSAGE : BmwFastTelegram.MAX_DATA;
    }

    @Override
    public byte[] seedRequest() {
        return Iso14230Bytes.seedRequest();
    }

    @Override
    public OptionalInt seedIn(byte[] answer) {
        return Iso14230Bytes.seedIn(answer);
    }

    @Override
    public byte[] keyRequest(int key) {
        return Iso14230Bytes.keyRequest(key);
    }

    @Override
    public Optional<String> testerNote() {
        return Optional.of(String.format(
                "tester 0x%02X; %s",
                testerAddress,
                switch (access) {
                    case CABLE -> "a K+DCAN cable in D-CAN mode, 500 kbit/s CAN";
                    case SLCAN_HOST -> "CAN at 500 kbit/s through the slcan adapter on this port";
                    case SLCAN_ADAPTER -> "this port is an slcan adapter (S6, O) on the car's 500 kbit/s CAN";
                }));
    }

    /** The module's own delay; on the serial side the request's and the answer's CAN frames come on top. */
    @Override
    public long answerDelay() {
        return timing.ecuP2();
    }

    /** None: BMW-FAST has no StartCommunication; the cable's link hands every request on. */
    @Override
    public boolean linkAnswers(byte[] request) {
        return false;
    }

    @Override
    public String refusalCode() {
        return "nrc";
    }

    @Override
    public int notSupported() {
        return Nrc.SERVICE_NOT_SUPPORTED.code();
    }

    @Override
    public byte[] refusal(byte[] request, int code) {
        return Iso14230Bytes.refusal(request, code);
    }

    @Override
    public FrameParts unframe(byte[] frame, boolean withChecksum) {
        return Unframing.of(
                frame,
                withChecksum,
                BmwFastTelegram::checksum, // from 0, its third argument (a length) is the end
                new BmwFastDecoder(Unframing.NO_LIMIT),
                t -> new FrameParts(t.target(), t.source(), t.data()));
    }
}
