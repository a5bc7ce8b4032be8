package io.klinebench.protocol;

import io.klinebench.car.BodyControlModule;
import io.klinebench.kline.AccessTimingParameters;
import io.klinebench.kline.DiagnosticApplication;
import io.klinebench.kline.EcuLink;
import io.klinebench.kline.Init;
import io.klinebench.kline.KeyBytes;
import io.klinebench.kline.KwpEcuLink;
import io.klinebench.kline.KwpFrame;
import io.klinebench.kline.KwpFrameDecoder;
import io.klinebench.kline.KwpSides;
import io.klinebench.kline.KwpTester;
import io.klinebench.kline.KwpTiming;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.Nrc;
import io.klinebench.kline.SideSplitter;
import io.klinebench.kline.Tester;
import io.klinebench.kline.TimingValidator;
import io.klinebench.kline.Violation;
import io.klinebench.line.InitCues;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.LineEvent;
import io.klinebench.line.TraceEntry;
import io.klinebench.services.KwpServices;
import io.klinebench.time.Clock;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Uncertainty;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * ISO 14230 KWP2000 on K-line (the R56 CAS): fast and 5-baud init, physically addressed
 * frames, P1-P4 and W1-W5, the services of {@link KwpServices}.
 *
 * @param timing        the limits both sides keep and the values this ECU uses
 * @param testerAddress the tester's source address (usually 0xF1)
 * @param keyBytes      the answer to StartCommunication
 */
public record Kwp2000(KwpTiming timing, int testerAddress, KeyBytes keyBytes) implements DiagnosticProtocol {

    /** As profiles and the command line name it. */
    public static final String ID = "kwp2000";

    public Kwp2000 {
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(keyBytes, "keyBytes");
        if (testerAddress < 0 || testerAddress > 0xFF) {
            throw new IllegalArgumentException("the tester address is a byte, 00..FF");
        }
    }

    @Override
    public String name() {
        return "KWP2000";
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * Fast init after W5 of idle, answered by TWuP + P2max; 5-baud init after W5, answered
     * (the inverted address) by the 5-baud byte + W1..W4 at their longest.
     */
    @Override
    public List<InitProcedure> inits() {
        long fiveBaud = LineEvent.SlowByte.DURATION
                + timing.w1().max()
                + timing.w2().max()
                + timing.w3().max()
                + 2 * timing.w4().max();
        return List.of(
                new InitProcedure(
                        Init.FAST,
                        timing.w5Min(),
                        timing.tWup().nominal() + timing.p2().max()),
                new InitProcedure(Init.FIVE_BAUD, timing.w5Min(), fiveBaud));
    }

    @Override
    public EcuLink ecuLink(
            Clock clock,
            LineEndpoint line,
            LineConditions conditions,
            int ecuAddress,
            DiagnosticApplication application,
            Consumer<LinkEvent> events) {
        return new KwpEcuLink(clock, line, conditions, ecuAddress, keyBytes, timing, application, events);
    }

    @Override
    public Tester tester(
            Clock clock, LineEndpoint line, LineConditions conditions, int ecuAddress, Consumer<LinkEvent> events) {
        return new KwpTester(clock, line, conditions, ecuAddress, testerAddress, timing, events);
    }

    @Override
    public List<Violation> judge(List<TraceEntry> trace, Uncertainty stamps) {
        return TimingValidator.kwp(trace, timing, stamps);
    }

    @Override
    public List<Violation> judge(List<TraceEntry> trace, Uncertainty stamps, CpuStops stops) {
        return TimingValidator.kwp(trace, timing, stamps, stops);
    }

    /** Frames end at the longer of P1max and P4max (the listener does not know the side yet), plus the stamps' uncertainty. */
    @Override
    public SideSplitter sideSplitter(int ecuAddress, Uncertainty stamps) {
        long interByte = Math.max(timing.p1().max(), timing.p4().max()) + stamps.nanos();
        InitCues cues = new InitCues(
                ecuAddress,
                KwpEcuLink.FUNCTIONAL_ADDRESS,
                timing.tiniL().nominal(),
                timing.p4().max(),
                timing.w5Min(),
                stamps.nanos());
        return new SideSplitter(
                new KwpFrameDecoder(interByte),
                new KwpSides(ecuAddress, testerAddress),
                cues,
                timing.tiniL().nominal());
    }

    @Override
    public DiagnosticApplication application(BodyControlModule car, DiagnosticProfile profile) {
        return new KwpServices(car, profile.security(), profile.identification());
    }

    @Override
    public long requestGap() {
        return timing.p3().min();
    }

    @Override
    public long answerTimeout() {
        return timing.p2().max();
    }

    @Override
    public boolean isResponsePending(byte[] answer) {
        return Iso14230Bytes.isResponsePending(answer);
    }

    @Override
    public long pendingTimeout() {
        return timing.p2StarMax();
    }

    /** P4min exactly leaves no room for scheduling jitter: a byte 0.1 ms early breaks it. A third into P4 keeps clear of both ends. */
    @Override
    public long realLineInterByte() {
        return timing.p4().min() + (timing.p4().max() - timing.p4().min()) / 3;
    }

    @Override
    public long testerInterByteMax() {
        return timing.p4().max();
    }

    /** A LEN byte counts the data alone: 255. */
    @Override
    public int longestRequest() {
        return KwpFrame.MAX_DATA;
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
        return Optional.of(String.format("tester 0x%02X", testerAddress));
    }

    @Override
    public long answerDelay() {
        return timing.ecuP2();
    }

    /** StartCommunication (81), StopCommunication (82), AccessTimingParameters (83). */
    @Override
    public boolean linkAnswers(byte[] request) {
        int sid = request.length == 0 ? -1 : request[0] & 0xFF;
        return sid == 0x81 || sid == 0x82 || sid == AccessTimingParameters.SID;
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
                KwpFrame::checksum,
                new KwpFrameDecoder(Unframing.NO_LIMIT),
                f -> new FrameParts(f.target(), f.source(), f.data()));
    }
}
