package io.klinebench.protocol;

import io.klinebench.car.BodyControlModule;
import io.klinebench.kline.DiagnosticApplication;
import io.klinebench.kline.EcuLink;
import io.klinebench.kline.Fault;
import io.klinebench.kline.FaultPlan;
import io.klinebench.kline.Init;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.SideSplitter;
import io.klinebench.kline.Tester;
import io.klinebench.kline.Violation;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.TraceEntry;
import io.klinebench.time.Clock;
import io.klinebench.time.CpuStops;
import io.klinebench.time.Uncertainty;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * A diagnostic protocol the module can speak, with everything that differs between protocols:
 * its link layer, its tester, its timing and the judge of its traces, its application layer,
 * and the shapes a tester needs to know (inits, request pacing, seed and key). One member per
 * protocol; a new protocol is a new member, and nothing outside the members asks which
 * protocol it is.
 *
 * <pre>
 *   DiagnosticProfile --protocol--> Ds2 | Kwp2000
 *        ecuLink(...)      the module's end of the line
 *        tester(...)       the other end
 *        judge(trace)      every timing rule the trace breaks
 *        application(car)  services or jobs over the module
 * </pre>
 */
public sealed interface DiagnosticProtocol permits DCan, Ds2, Kwp2000 {

    /** As testers name it: "DS2", "KWP2000". */
    String name();

    /** As configuration files and the command line write it: "ds2", "kwp2000". */
    String id();

    /**
     * This protocol as a trace whose header names {@code traceId} was written on its line (D-CAN
     * through an slcan adapter: "dcan-slcan"); itself when that is its own id or no way of
     * reaching it, which the caller then refuses as another protocol's trace.
     */
    default DiagnosticProtocol asTraced(String traceId) {
        return this;
    }

    /** How a tester may start communication; empty when it simply sends requests. */
    List<InitProcedure> inits();

    /** The procedure for {@code init}, if this protocol has it. */
    default Optional<InitProcedure> init(Init init) {
        return inits().stream().filter(p -> p.init() == init).findFirst();
    }

    /**
     * Puts the module's link layer on {@code line}, handing requests to {@code application}.
     *
     * @param conditions whether {@code line} brings our own bytes back, how exact its times are, and
     *     how strictly the link holds the tester to the limits
     */
    EcuLink ecuLink(
            Clock clock,
            LineEndpoint line,
            LineConditions conditions,
            int ecuAddress,
            DiagnosticApplication application,
            Consumer<LinkEvent> events);

    /** A tester on {@code line} talking to {@code ecuAddress}. */
    Tester tester(
            Clock clock, LineEndpoint line, LineConditions conditions, int ecuAddress, Consumer<LinkEvent> events);

    /**
     * Every timing rule {@code trace} breaks, by either side, its stamps each off by up to
     * {@code stamps} (exact on the bench); which ones are beyond that is {@link Violation#beyond}.
     */
    List<Violation> judge(List<TraceEntry> trace, Uncertainty stamps);

    /**
     * The same, the machine seen to stop by {@code stops} while the trace was written (its {@code
     * # cpu-stop:} lines): framed as the sim's link framed with them. A protocol whose link does
     * not widen gaps by them judges as without.
     */
    default List<Violation> judge(List<TraceEntry> trace, Uncertainty stamps, CpuStops stops) {
        return judge(trace, stamps);
    }

    /**
     * How a listener that never writes splits this protocol's bytes into the tester's frames and
     * the module's, with the link layers' own decoder, its stamps each off by up to {@code stamps}.
     */
    SideSplitter sideSplitter(int ecuAddress, Uncertainty stamps);

    /** The application layer over {@code car}: what answers requests. */
    DiagnosticApplication application(BodyControlModule car, DiagnosticProfile profile);

    /** The shortest pause a tester keeps after an answer before its next request (KWP2000 P3min). */
    long requestGap();

    /** The longest a tester waits for an answer's first byte (KWP2000 P2max). */
    long answerTimeout();

    /** Whether an answer only says the real one is coming (KWP2000 responsePending). */
    boolean isResponsePending(byte[] answer);

    /**
     * Why a module of this protocol cannot make {@code fault} (DS2 has no responsePending and no
     * session), or null when it can; a sequence naming it is refused at load, at its place.
     */
    default String cannotMake(Fault fault) {
        return FaultPlan.kLineCannotMake(fault);
    }

    /** How long a tester waits after a responsePending answer (KWP2000 P2*max). */
    long pendingTimeout();

    /** The inter-byte gap a tester uses on a real line, clear of both limits by scheduling jitter. */
    long realLineInterByte();

    /** The longest gap the module allows between a request's bytes: beyond it the request is dropped. */
    long testerInterByteMax();

    /**
     * The most data bytes one request carries, as its frame counts them: a tester refuses a
     * longer request before it opens the line (the frame could not be made, and the tester
     * would wait for an answer to a request never sent).
     */
    int longestRequest();

    /** The request that asks for a security-access seed. */
    byte[] seedRequest();

    /** The seed in a positive answer to {@link #seedRequest()}; empty for a refusal. */
    OptionalInt seedIn(byte[] answer);

    /** The request that sends the key for a seed. */
    byte[] keyRequest(int key);

    /** What the line description adds in brackets for a tester ("tester 0xF1"), or nothing. */
    Optional<String> testerNote();

    /** The delay from a request's end to the module's answer this profile's module keeps (KWP2000 its P2). */
    long answerDelay();

    /**
     * Whether the link layer answers {@code request} (its data) itself, never handing it to the
     * application (KWP2000 StartCommunication, StopCommunication, AccessTimingParameters).
     */
    boolean linkAnswers(byte[] request);

    /**
     * What a refusal's code is called on this protocol's command line: "nrc" (KWP2000's negative
     * response code) or "status" (DS2's status byte).
     */
    String refusalCode();

    /** The refusal code that says "not supported" (KWP2000 11 serviceNotSupported, DS2 B1 ERROR_ECU_FUNCTION). */
    int notSupported();

    /** The answer data refusing {@code request} with {@code code}: KWP2000 {@code 7F SID NRC}, DS2 the status byte alone. */
    byte[] refusal(byte[] request, int code);

    /**
     * A whole frame as the link layers read it, taken apart; {@code withChecksum} false when
     * {@code frame} lacks its last byte (the checksum is then made, not checked).
     *
     * @throws IllegalArgumentException saying why {@code frame} is not one whole frame (its
     *     length field, its checksum, bytes after it)
     */
    FrameParts unframe(byte[] frame, boolean withChecksum);
}
