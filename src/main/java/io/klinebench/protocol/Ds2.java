package io.klinebench.protocol;

import io.klinebench.car.BodyControlModule;
import io.klinebench.kline.DiagnosticApplication;
import io.klinebench.kline.Ds2Decoder;
import io.klinebench.kline.Ds2EcuLink;
import io.klinebench.kline.Ds2Sides;
import io.klinebench.kline.Ds2Telegram;
import io.klinebench.kline.Ds2Tester;
import io.klinebench.kline.Ds2Timing;
import io.klinebench.kline.EcuLink;
import io.klinebench.kline.Fault;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.SideSplitter;
import io.klinebench.kline.Tester;
import io.klinebench.kline.TimingValidator;
import io.klinebench.kline.Violation;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.TraceEntry;
import io.klinebench.services.Ds2Services;
import io.klinebench.services.Ds2Status;
import io.klinebench.time.Clock;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Durations;
import io.klinebench.time.Uncertainty;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * BMW DS2 (the R50/R53 body controller): no init, {@code ADDR LEN DATA.. XOR} telegrams, the
 * module's own timing values, the jobs of {@link Ds2Services}.
 *
 * @param timing the module's timing
 */
public record Ds2(Ds2Timing timing) implements DiagnosticProtocol {

    /** As profiles and the command line name it. */
    public static final String ID = "ds2";

    private static final int START_DIAGNOSTICS = Ds2Services.START_DIAGNOSTICS;
    private static final int REQUEST_SEED = 0x01;
    private static final int SEND_KEY = 0x02;

    public Ds2 {
        Objects.requireNonNull(timing, "timing");
    }

    @Override
    public String name() {
        return "DS2";
    }

    @Override
    public String id() {
        return ID;
    }

    /** None: a DS2 tester just sends. */
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
        return new Ds2EcuLink(clock, line, conditions, ecuAddress, timing, application, events);
    }

    @Override
    public Tester tester(
            Clock clock, LineEndpoint line, LineConditions conditions, int ecuAddress, Consumer<LinkEvent> events) {
        return new Ds2Tester(clock, line, conditions, ecuAddress, timing, events);
    }

    @Override
    public List<Violation> judge(List<TraceEntry> trace, Uncertainty stamps) {
        return TimingValidator.ds2(trace, timing, stamps);
    }

    @Override
    public List<Violation> judge(List<TraceEntry> trace, Uncertainty stamps, CpuStops stops) {
        return TimingValidator.ds2(trace, timing, stamps, stops);
    }

    /**
     * DS2 has no init to recognise; a break a UART reports is written down as a 25 ms low, which
     * the DS2 judge does not judge.
     */
    @Override
    public SideSplitter sideSplitter(int ecuAddress, Uncertainty stamps) {
        return new SideSplitter(
                new Ds2Decoder(timing.testerInterByteMax() + stamps.nanos()),
                new Ds2Sides(timing.responseTimeout() + stamps.nanos()),
                null,
                25 * Durations.MS);
    }

    @Override
    public DiagnosticApplication application(BodyControlModule car, DiagnosticProfile profile) {
        return new Ds2Services(car, timing, profile.security(), profile.identification());
    }

    @Override
    public long requestGap() {
        return timing.minRequestGap();
    }

    @Override
    public long answerTimeout() {
        return timing.responseTimeout();
    }

    /** DS2 has no responsePending: an answer comes when the job is done. */
    @Override
    public String cannotMake(Fault fault) {
        return Ds2EcuLink.cannotMake(fault);
    }

    @Override
    public boolean isResponsePending(byte[] answer) {
        return false;
    }

    @Override
    public long pendingTimeout() {
        return timing.responseTimeout();
    }

    /** The module's own inter-byte gap, which is what the bench's DS2 tester uses too. */
    @Override
    public long realLineInterByte() {
        return timing.ecuInterByte();
    }

    @Override
    public long testerInterByteMax() {
        return timing.testerInterByteMax();
    }

    /** The length byte counts the whole telegram (255 at most): address, length and checksum leave 252. */
    @Override
    public int longestRequest() {
        return Ds2Telegram.MAX_LENGTH - 3;
    }

    @Override
    public byte[] seedRequest() {
        return new byte[] {START_DIAGNOSTICS, REQUEST_SEED};
    }

    /** {@code A0 S1 S2}. */
    @Override
    public OptionalInt seedIn(byte[] answer) {
        if (answer.length != 3 || (answer[0] & 0xFF) != Ds2Status.OK.code()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((answer[1] & 0xFF) << 8 | (answer[2] & 0xFF));
    }

    @Override
    public byte[] keyRequest(int key) {
        return new byte[] {START_DIAGNOSTICS, SEND_KEY, (byte) (key >> 8), (byte) key};
    }

    @Override
    public Optional<String> testerNote() {
        return Optional.empty();
    }

    @Override
    public long answerDelay() {
        return timing.ecuResponseDelay();
    }

    /** DS2 has no link-layer services: every telegram goes to the jobs. */
    @Override
    public boolean linkAnswers(byte[] request) {
        return false;
    }

    @Override
    public String refusalCode() {
        return "status";
    }

    @Override
    public int notSupported() {
        return Ds2Status.BAD_FUNCTION.code();
    }

    /** The bare status byte, as BMW's testers expect a refusal ({@link Ds2Status}). */
    @Override
    public byte[] refusal(byte[] request, int code) {
        return new byte[] {(byte) code};
    }

    @Override
    public FrameParts unframe(byte[] frame, boolean withChecksum) {
        return Unframing.of(
                frame,
                withChecksum,
                Ds2Telegram::xor,
                new Ds2Decoder(Unframing.NO_LIMIT),
                t -> new FrameParts(t.address(), t.address(), t.data()));
    }
}
