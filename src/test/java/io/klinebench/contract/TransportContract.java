package io.klinebench.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klinebench.kline.Ds2Timing;
import io.klinebench.kline.Init;
import io.klinebench.kline.KwpFrame;
import io.klinebench.kline.KwpTiming;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.Violation;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.TraceEntry;
import io.klinebench.protocol.DiagnosticProfile;
import io.klinebench.protocol.Ds2;
import io.klinebench.protocol.Kwp2000;
import io.klinebench.sim.PortTester;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.trace.TraceFormat;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every transport of the K-line must give a tester and the simulated module, whatever it
 * is (the bench's virtual line, a pty pair, a real port): a fast init and a 5-baud init open a
 * session, the tester hears its own bytes as on the single K wire, requests are answered and
 * requests to another address are not (and the module says why), the timing is within the
 * protocol's windows, and a tester that goes away (or a line that falls silent past P3max)
 * finds the module again with its state. One subclass per transport ({@link #open}).
 *
 * <p>Timing is judged against the protocol's limits widened by the transport's stated
 * uncertainty U ({@link Transport#uncertainty}): none on the virtual line, where every assertion
 * is exact; the stated bound on a pty or a cable. No other tolerance and no wall-clock budget:
 * waits for the module are bounded only so that a hang fails ({@link PortTransport#BOUND}).
 *
 * <p>Every failure says what both ends saw: the tester's exchanges (with what its link layer
 * {@code heard}), the module's events and the last bytes of its line.
 */
abstract class TransportContract {

    static final String KWP = "r56-2007-2013";
    static final String DS2 = "r50-r53-2005-2008";
    /** An address no module on these lines has. */
    static final int OTHER_ADDRESS = 0x12;

    private Transport transport;

    /** This transport, with the simulated module of {@code profile} on it. */
    protected abstract Transport open(String profile) throws Exception;

    private Transport on(String profile) throws Exception {
        transport = open(profile);
        return transport;
    }

    @AfterEach
    void closeTransport() {
        if (transport != null) {
            transport.close();
        }
    }

    // ---- init ------------------------------------------------------------------------------

    @Test
    void fastInitOpensASessionWithTheKeyBytes() throws Exception {
        Transport t = on(KWP);
        Transport.End tester = t.tester(ecu(t));

        PortTester.Exchange init = tester.init(Init.FAST);

        assertThat(init.answer()).as(saw(t, init)).contains("C1 EF 8F");
        LinkEvent.SessionStarted started = t.awaitSimEvent(LinkEvent.SessionStarted.class, s -> true, bound());
        assertThat(started).as(saw(t, init)).isNotNull();
        assertThat(started.how()).as(saw(t, init)).isEqualTo("fast init");
        PortTester.Exchange present = tester.request(Hex.parse("3E"));
        assertThat(present.answer()).as(saw(t, init, present)).contains("7E");
    }

    @Test
    void fiveBaudInitOpensASessionWithSyncKeyBytesAndTheInvertedAddress() throws Exception {
        Transport t = on(KWP);
        assumeTrue(t.fiveBaudInit().supported(), t.fiveBaudInit().why());
        Transport.End tester = t.tester(ecu(t));

        PortTester.Exchange init = tester.init(Init.FIVE_BAUD);

        String inverted = String.format("%02X", ~ecu(t) & 0xFF);
        assertThat(init.answer()).as(saw(t, init)).contains(inverted);
        LinkEvent.SessionStarted started = t.awaitSimEvent(LinkEvent.SessionStarted.class, s -> true, bound());
        assertThat(started).as(saw(t, init)).isNotNull();
        assertThat(started.how()).as(saw(t, init)).isEqualTo("5-baud init");
        // what the module put on the line: 0x55, the key bytes, ~address (~KB2 from the tester between)
        assertThat(Hex.of(moduleBytes(t))).as(saw(t, init)).isEqualTo("55 EF 8F " + inverted);
        PortTester.Exchange present = tester.request(Hex.parse("3E"));
        assertThat(present.answer()).as(saw(t, init, present)).contains("7E");
    }

    // ---- echo ------------------------------------------------------------------------------

    /**
     * A K-line is one wire: a tester reads back every byte it writes, in order, at the instant
     * the module hears it (the virtual line: both at once; a pty: through the module's echo; a
     * cable: from the wire), within the line's uncertainty U. How late the module hears a byte
     * is the line's delivery, which the timing cases judge.
     */
    @Test
    void theTesterHearsEveryByteItWritesBackInOrderWhenTheModuleHearsIt() throws Exception {
        Transport t = on(KWP);
        long u = t.uncertainty().nanos();
        byte[] frame =
                KwpFrame.physical(ecu(t), kwp(t).testerAddress(), (byte) 0x3E).encode();

        Transport.Raw raw = t.writeRaw(frame, frame.length);
        // The echo leaves from the module's reader at once; its trace is written on its clock's
        // thread a moment later, before the frame is received: wait for that, not for a time.
        t.awaitSimEvent(LinkEvent.FrameReceived.class, f -> true, bound());

        List<TraceEntry> heardByModule = t.simTrace().stream()
                .filter(e -> e.from() == Direction.TESTER && e.kind() == TraceEntry.Kind.BYTE)
                .toList();
        String saw = "on " + t.describe() + " the tester wrote " + raw.written() + " and read " + raw.read()
                + "; the module heard "
                + heardByModule.stream()
                        .map(e -> new Transport.Stamped(e.at(), e.value()))
                        .toList()
                + " and saw " + simSaw(t);
        assertThat(raw.written()).as(saw).extracting(Transport.Stamped::value).containsExactly(values(frame));
        assertThat(raw.read())
                .as(saw)
                .hasSizeGreaterThanOrEqualTo(frame.length)
                .extracting(Transport.Stamped::value)
                .startsWith(values(frame));
        assertThat(heardByModule)
                .as(saw)
                .hasSizeGreaterThanOrEqualTo(frame.length)
                .extracting(TraceEntry::value)
                .startsWith(values(frame));
        for (int i = 0; i < frame.length; i++) {
            assertThat(raw.read().get(i).at() - heardByModule.get(i).at())
                    .as("byte %d read back by the tester after the module heard it (U %s); %s", i, t.uncertainty(), saw)
                    .isBetween(-u, u);
        }
    }

    /** A tester that expects its echo (as on any K-line) takes it for its own and gets its answers, no collision. */
    @Test
    void aTesterThatExpectsItsEchoGetsItsAnswersWithoutCollisions() throws Exception {
        Transport t = on(KWP);
        Transport.End tester = t.tester(ecu(t));

        PortTester.Exchange init = tester.init(Init.FAST);
        PortTester.Exchange read = tester.request(Hex.parse("21 01"));

        for (PortTester.Exchange e : List.of(init, read)) {
            assertThat(e.answered()).as(saw(t, init, read)).isTrue();
            assertThat(e.heard()).as(saw(t, init, read)).noneMatch(h -> h.contains("Collision"));
        }
        assertThat(read.answer().orElseThrow()).as(saw(t, init, read)).startsWith("61 01");
        assertThat(t.simEvents()).as(saw(t, init, read)).noneMatch(e -> e instanceof LinkEvent.Collision);
    }

    // ---- request / answer --------------------------------------------------------------------

    @Test
    void kwpRequestsAreAnsweredAndOneToAnotherAddressIsIgnoredWithAReason() throws Exception {
        Transport t = on(KWP);
        Transport.End tester = t.tester(ecu(t));
        PortTester.Exchange init = tester.init(Init.FAST);
        PortTester.Exchange ident = tester.request(Hex.parse("1A 80"));
        PortTester.Exchange record = tester.request(Hex.parse("21 01"));

        assertThat(init.answer()).as(saw(t, init)).contains("C1 EF 8F");
        assertThat(ident.answer().orElse("")).as(saw(t, ident)).startsWith("5A 80 ");
        assertThat(record.answer().orElse("")).as(saw(t, record)).startsWith("61 01 ");
        assertThat(answeredRequests(t, 3)).as(saw(t, ident, record)).containsSubsequence("1A 80", "21 01");

        Transport.End stranger = t.tester(OTHER_ADDRESS);
        PortTester.Exchange elsewhere = stranger.request(Hex.parse("1A 80"));

        assertThat(elsewhere.answered()).as(saw(t, elsewhere)).isFalse();
        String reason = String.format("addressed to %02X, we are %02X", OTHER_ADDRESS, ecu(t));
        assertThat(t.awaitSimEvent(LinkEvent.Ignored.class, i -> i.why().equals(reason), bound()))
                .as("the module says why it ignored the frame; %s", saw(t, elsewhere))
                .isNotNull();
        assertThat(answeredRequests(t, 3)).as(saw(t, elsewhere)).containsExactly("C1", "1A 80", "21 01");

        Transport.End again = t.tester(ecu(t));
        PortTester.Exchange reinit = again.init(Init.FAST);
        PortTester.Exchange ident2 = again.request(Hex.parse("1A 80"));
        assertThat(ident2.answer()).as(saw(t, reinit, ident2)).isEqualTo(ident.answer());
    }

    @Test
    void ds2JobsAreAnsweredAndOneToAnotherAddressIsIgnoredWithAReason() throws Exception {
        Transport t = on(DS2);
        Transport.End tester = t.tester(ecu(t));
        PortTester.Exchange ident = tester.request(Hex.parse("00"));

        assertThat(ident.answer().orElse("")).as(saw(t, ident)).startsWith("A0 ");
        assertThat(answeredRequests(t, 1)).as(saw(t, ident)).containsExactly("00");

        Transport.End stranger = t.tester(OTHER_ADDRESS);
        PortTester.Exchange elsewhere = stranger.request(Hex.parse("00"));

        assertThat(elsewhere.answered()).as(saw(t, elsewhere)).isFalse();
        String reason = String.format("addressed to %02X, we are %02X", OTHER_ADDRESS, ecu(t));
        assertThat(t.awaitSimEvent(LinkEvent.Ignored.class, i -> i.why().equals(reason), bound()))
                .as("the module says why it ignored the telegram; %s", saw(t, elsewhere))
                .isNotNull();

        Transport.End again = t.tester(ecu(t));
        PortTester.Exchange ident2 = again.request(Hex.parse("00"));
        assertThat(ident2.answer()).as(saw(t, ident2)).isEqualTo(ident.answer());
        assertThat(answeredRequests(t, 2)).as(saw(t, ident2)).containsExactly("00", "00");
    }

    // ---- timing verdicts ---------------------------------------------------------------------

    /**
     * P2 as the tester measures it lies in the standard's window widened by U, and within U of
     * the module's own delay on the module's side (its two stamps may each be late by up to U:
     * exactly the module's delay on the virtual line); the validator finds no rule broken beyond
     * U in what the module's end saw.
     */
    @Test
    void kwpAnswersKeepP2AndTheModulesLineBreaksNoRuleBeyondTheUncertainty() throws Exception {
        Transport t = on(KWP);
        long u = t.uncertainty().nanos();
        KwpTiming timing = kwp(t).timing();
        Transport.End tester = t.tester(ecu(t));

        List<PortTester.Exchange> x = List.of(
                tester.init(Init.FAST),
                tester.request(Hex.parse("1A 80")),
                tester.request(Hex.parse("21 01")),
                tester.request(Hex.parse("3E")));

        assertThat(x).as(saw(t, x)).hasSize(4).allMatch(PortTester.Exchange::answered);
        for (PortTester.Exchange e : x) {
            assertThat(e.p2Nanos())
                    .as("P2 of %s, window %s widened by U %s; %s", e.request(), timing.p2(), t.uncertainty(), saw(t, x))
                    .isBetween(timing.p2().min() - u, timing.p2().max() + u);
        }
        List<LinkEvent.Answered> answered = answers(t, 4);
        assertThat(answered).as(saw(t, x)).hasSize(4).allMatch(a -> a.p2() == timing.ecuP2());
        for (PortTester.Exchange e : x) { // the init's too: counted from StartCommunication's end
            assertThat(e.p2Nanos())
                    .as(
                            "the tester's P2 of %s against the module's %s; %s",
                            e.request(), Durations.format(timing.ecuP2()), saw(t, x))
                    .isBetween(timing.ecuP2() - u, timing.ecuP2() + 2 * u);
        }
        assertThat(violationsBeyondU(t)).as(saw(t, x)).isEmpty();
    }

    @Test
    void ds2AnswersComeWithinTheResponseTimeoutAndTheModulesLineBreaksNoRuleBeyondTheUncertainty() throws Exception {
        Transport t = on(DS2);
        long u = t.uncertainty().nanos();
        Ds2Timing timing = ((Ds2) t.diagnostics().protocol()).timing();
        Transport.End tester = t.tester(ecu(t));

        PortTester.Exchange ident = tester.request(Hex.parse("00"));
        PortTester.Exchange status = tester.request(Hex.parse("0B 41"));

        for (PortTester.Exchange e : List.of(ident, status)) {
            assertThat(e.answered()).as(saw(t, ident, status)).isTrue();
            assertThat(e.p2Nanos())
                    .as(
                            "the answer's delay to %s (module %s, timeout %s, U %s); %s",
                            e.request(),
                            Durations.format(timing.ecuResponseDelay()),
                            Durations.format(timing.responseTimeout()),
                            t.uncertainty(),
                            saw(t, ident, status))
                    .isBetween(timing.ecuResponseDelay() - u, timing.responseTimeout() + u)
                    .isBetween(timing.ecuResponseDelay() - u, timing.ecuResponseDelay() + 2 * u);
        }
        assertThat(violationsBeyondU(t)).as(saw(t, ident, status)).isEmpty();
    }

    // ---- disconnect ------------------------------------------------------------------------

    @Test
    void aFaultArmedAtTheModuleIsMadeInItsAnswerAndSaidAsInjected() throws Exception {
        Transport t = on(KWP);
        long u = t.uncertainty().nanos();
        Transport.End tester = t.tester(ecu(t));
        PortTester.Exchange init = tester.init(Init.FAST);
        assertThat(init.answered()).as(saw(t, init)).isTrue();

        // late by 10 ms: P2 40 ms instead of the profile's ecu-p2 30 ms, still inside P2max 50 ms
        assertThat(t.perform("fault late 10ms at 1A 80")).singleElement().isInstanceOf(LinkEvent.FaultArmed.class);
        PortTester.Exchange late = tester.request(Hex.parse("1A 80"));
        assertThat(late.answer().orElse("")).as(saw(t, late)).startsWith("5A 80 ");
        assertThat(late.p2Nanos()).as(saw(t, late)).isGreaterThanOrEqualTo(40 * Durations.MS - u);
        assertThat(t.awaitSimEvent(LinkEvent.FaultInjected.class, f -> f.fault().equals("late 10ms"), bound()))
                .as("the module says the fault was on purpose; %s", saw(t, late))
                .isNotNull();

        // silent once: the first sending gets no answer (a tester that sends again gets one)
        t.perform("fault silent at 21 01");
        PortTester.Exchange silent = tester.request(Hex.parse("21 01"));
        assertThat(silent.answered() ? silent.repeats() : List.of("no answer"))
                .as("answered only by a second sending, if at all; %s", saw(t, silent))
                .isNotEmpty();
        assertThat(t.awaitSimEvent(LinkEvent.FaultInjected.class, f -> f.fault().equals("silent"), bound()))
                .as(saw(t, silent))
                .isNotNull();
        PortTester.Exchange after = tester.request(Hex.parse("21 01"));
        assertThat(after.answer().orElse("")).as("made once; %s", saw(t, after)).startsWith("61 01 ");
    }

    /**
     * Each fault of an answer, made by the module against the built-in tester on this transport:
     * said as injected with its words; the tester gets the answer (after the storm of
     * responsePending, or a second sending when what reached it was broken), or none where the
     * fault leaves it none, and the next request is answered as ever.
     */
    @ParameterizedTest(name = "fault {0}")
    @ValueSource(
            strings = {
                "stall 3 100ms",
                "drop-byte 4",
                "flip-byte 5 80",
                "insert-byte 2 55",
                "wrong-source 12",
                "twice",
                "bad-checksum",
                "pending 2",
                "no-echo"
            })
    void eachFaultOfAnAnswerIsMadeSaidAndGotOver(String fault) throws Exception {
        Transport t = on(KWP);
        Transport.End tester = t.tester(ecu(t));
        PortTester.Exchange init = tester.init(Init.FAST);
        assertThat(init.answered()).as(saw(t, init)).isTrue();
        boolean echoFault = fault.endsWith("echo");
        if (echoFault && !t.moduleMakesTheEcho()) {
            assertThat(catchThrowable(() -> t.perform("fault " + fault))).hasMessageContaining("the cable echoes");
            return;
        }

        t.perform("fault " + fault + (echoFault ? " after 0" : " at 21 01"));
        PortTester.Exchange hit = tester.request(Hex.parse("21 01"));
        LinkEvent.FaultInjected injected =
                t.awaitSimEvent(LinkEvent.FaultInjected.class, f -> f.fault().equals(fault), bound());
        assertThat(injected).as("said as injected; %s", saw(t, hit)).isNotNull();
        // A stop of the machine inside a stalled answer's gap widens it, at the tester as at the
        // module: then taking the answer is right (no one on this machine can tell the stall
        // from the stop), and it is what a tester there does.
        boolean stallTheMachineCovered = fault.startsWith("stall")
                && !t.machineStops().within(injected.at(), injected.until()).isEmpty();
        if (fault.startsWith("pending") || fault.equals("twice")) {
            assertThat(hit.answer().orElse("")).as(saw(t, hit)).startsWith("61 01 ");
            assertThat(hit.pending()).as(saw(t, hit)).isEqualTo(fault.startsWith("pending") ? 2 : 0);
        } else if (!stallTheMachineCovered) {
            assertThat(hit.answered() && hit.repeats().isEmpty())
                    .as("not answered at the first sending; %s", saw(t, hit))
                    .isFalse();
        }
        // the tester gets over it as testers do: it asks again (a copy of the last answer may
        // have taken the line from its request), then, still unanswered, initialises again
        PortTester.Exchange next = tester.request(Hex.parse("3E"));
        PortTester.Exchange again = next.answered() ? next : tester.request(Hex.parse("3E"));
        if (!again.answered()) {
            tester.init(Init.FAST);
            again = tester.request(Hex.parse("3E"));
        }
        assertThat(again.answer())
                .as("got over it; %s", saw(t, hit, next, again))
                .contains("7E");
    }

    /**
     * The faults of the session, the power and the line, made by the module against the built-in
     * tester and said as injected: an early end of the session and a power dip leave a request
     * unanswered and need a new init (after the dip, the module's idle after power-on); a
     * collision breaks one answer (a tester may send again); an echo fault is made where the
     * module makes the tester's echo, and refused, with the reason, where a cable echoes.
     */
    @Test
    void faultsOfTheSessionThePowerAndTheLineAreMadeAndSaidAsInjected() throws Exception {
        Transport t = on(KWP);
        KwpTiming timing = kwp(t).timing();
        Transport.End tester = t.tester(ecu(t));
        PortTester.Exchange init = tester.init(Init.FAST);
        assertThat(init.answered()).as(saw(t, init)).isTrue();

        t.perform("fault end-session at 21 01");
        PortTester.Exchange ended = tester.request(Hex.parse("21 01"));
        assertThat(ended.answered()).as(saw(t, ended)).isFalse();
        assertThat(t.awaitSimEvent(LinkEvent.SessionEnded.class, e -> e.why().contains("fault end-session"), bound()))
                .as(saw(t, ended))
                .isNotNull();
        PortTester.Exchange reinit = tester.init(Init.FAST);
        PortTester.Exchange read = tester.request(Hex.parse("21 01"));
        assertThat(read.answer().orElse("")).as(saw(t, ended, reinit, read)).startsWith("61 01 ");

        long dip = 300 * Durations.MS;
        t.perform("fault power-dip 300ms at 21 01");
        PortTester.Exchange dark = tester.request(Hex.parse("21 01"));
        assertThat(dark.answered()).as(saw(t, dark)).isFalse();
        assertThat(t.awaitSimEvent(LinkEvent.FaultInjected.class, f -> f.fault().equals("power-dip 300ms"), bound()))
                .as(saw(t, dark))
                .isNotNull();
        // the request's unanswered wait already outlasted the instant its answer was due
        t.idle(dip + timing.idleAfterPowerOn() + t.uncertainty().nanos());
        PortTester.Exchange back = tester.init(Init.FAST);
        PortTester.Exchange after = tester.request(Hex.parse("21 01"));
        assertThat(after.answer().orElse("")).as(saw(t, dark, back, after)).startsWith("61 01 ");

        t.perform("fault collision 3 0F at 21 01");
        PortTester.Exchange collided = tester.request(Hex.parse("21 01"));
        assertThat(collided.answered() ? collided.repeats() : List.of("no answer"))
                .as("answered only by a second sending, if at all; %s", saw(t, collided))
                .isNotEmpty();
        assertThat(t.awaitSimEvent(LinkEvent.FaultInjected.class, f -> f.fault().equals("collision 3 0F"), bound()))
                .as(saw(t, collided))
                .isNotNull();

        if (!t.moduleMakesTheEcho()) {
            assertThat(catchThrowable(() -> t.perform("fault no-echo")))
                    .as("a cable makes the echo")
                    .hasMessageContaining("cannot be made here: the cable echoes");
            return;
        }
        t.perform("fault garble-echo 2 01");
        PortTester.Exchange garbled = tester.request(Hex.parse("3E"));
        assertThat(garbled.heard())
                .as("the tester hears its second byte (40) come back as 41; %s", saw(t, garbled))
                .anySatisfy(h -> assertThat(h).contains("Collision[").contains("sent=40, heard=41"));
        assertThat(garbled.answer())
                .as("the module heard the request whole; %s", saw(t, garbled))
                .contains("7E");
        assertThat(t.awaitSimEvent(LinkEvent.FaultInjected.class, f -> f.fault().equals("garble-echo 2 01"), bound()))
                .as(saw(t, garbled))
                .isNotNull();
    }

    @Test
    void aTesterThatClosesAndReopensInitialisesAgainAndFindsTheModulesState() throws Exception {
        Transport t = on(KWP);
        Transport.End first = t.tester(ecu(t));
        PortTester.Exchange init = first.init(Init.FAST);
        PortTester.Exchange idle = first.request(Hex.parse("21 01"));
        t.perform("insert A");
        t.perform("ignition 2");
        PortTester.Exchange on = first.request(Hex.parse("21 01"));
        assertThat(on.answer()).as(saw(t, init, idle, on)).isPresent().isNotEqualTo(idle.answer());
        first.close();

        Transport.End second = t.tester(ecu(t));
        PortTester.Exchange reinit = second.init(Init.FAST);
        PortTester.Exchange after = second.request(Hex.parse("21 01"));

        assertThat(reinit.answer()).as(saw(t, reinit, after)).contains("C1 EF 8F");
        assertThat(after.answer())
                .as("the module kept its state; %s", saw(t, on, reinit, after))
                .isEqualTo(on.answer());
        assertThat(Transport.of(t.simEvents(), LinkEvent.SessionStarted.class, s -> true))
                .as(saw(t, init, reinit))
                .extracting(LinkEvent.SessionStarted::how)
                .containsExactly("fast init", "fast init");
    }

    /**
     * A line silent for P3max ends the session, not sooner, and at the latest U later (the
     * module gives the tester U beyond P3max on a line whose stamps may be late by U, and the end
     * itself is stamped within U), and the machine's stops since the request later again (a
     * request they held may still come); a request then finds no session, and a new init opens one.
     */
    @Test
    void aLineSilentPastP3maxEndsTheSessionAndANewInitOpensOneWithTheStateKept() throws Exception {
        Transport t = on(KWP);
        long u = t.uncertainty().nanos();
        KwpTiming timing = kwp(t).timing();
        Transport.End tester = t.tester(ecu(t));
        PortTester.Exchange init = tester.init(Init.FAST);
        t.perform("insert A");
        PortTester.Exchange before = tester.request(Hex.parse("21 01"));
        assertThat(before.answered()).as(saw(t, init, before)).isTrue();

        LinkEvent.SessionEnded ended = t.awaitSimEvent(
                LinkEvent.SessionEnded.class,
                e -> e.why().startsWith("P3max timeout"),
                timing.p3().max() + bound());

        assertThat(ended).as(saw(t, init, before)).isNotNull();
        List<LinkEvent.Answered> answers = Transport.of(t.simEvents(), LinkEvent.Answered.class, a -> true);
        long answered = answers.get(answers.size() - 1).at();
        long silent = ended.at() - answered;
        // The session outlasts P3max by the machine's stops since the request (a request they
        // held may still come): those the module saw from the request on (P2 before the answer).
        long stopped = t.machineStops().widening(answered - timing.p2().max(), ended.at(), u);
        assertThat(silent)
                .as(
                        "silence before the session ended (P3max %s, U %s, the machine's stops %s); %s",
                        Durations.format(timing.p3().max()),
                        t.uncertainty(),
                        Durations.format(stopped),
                        saw(t, init, before))
                .isBetween(
                        timing.p3().max(), timing.p3().max() + 2 * u + stopped + 1); // +1 ns: P3max itself is allowed

        PortTester.Exchange unanswered = tester.request(Hex.parse("21 01"));
        assertThat(unanswered.answered()).as(saw(t, unanswered)).isFalse();
        assertThat(t.awaitSimEvent(
                        LinkEvent.Ignored.class, i -> i.why().equals("no session: initialise first"), bound()))
                .as(saw(t, unanswered))
                .isNotNull();

        PortTester.Exchange reinit = tester.init(Init.FAST);
        PortTester.Exchange after = tester.request(Hex.parse("21 01"));
        assertThat(reinit.answer()).as(saw(t, reinit, after)).contains("C1 EF 8F");
        assertThat(after.answer())
                .as("the module kept its state; %s", saw(t, before, after))
                .isEqualTo(before.answer());
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static long bound() {
        return PortTransport.BOUND;
    }

    private static int ecu(Transport t) {
        return t.diagnostics().ecuAddress();
    }

    private static Kwp2000 kwp(Transport t) {
        return (Kwp2000) t.diagnostics().protocol();
    }

    private static Integer[] values(byte[] bytes) {
        Integer[] out = new Integer[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xFF;
        }
        return out;
    }

    /** The bytes the module sent, as its end of the line saw them. */
    private static byte[] moduleBytes(Transport t) {
        List<TraceEntry> ecu = t.simTrace().stream()
                .filter(e -> e.from() == Direction.ECU && e.kind() == TraceEntry.Kind.BYTE)
                .toList();
        byte[] out = new byte[ecu.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ecu.get(i).value();
        }
        return out;
    }

    /**
     * The module's answers, once it has recorded at least {@code expected} (or the bound is
     * over): the tester can read an answer's last byte before the module's clock thread has
     * recorded that it answered.
     */
    private static List<LinkEvent.Answered> answers(Transport t, int expected) throws InterruptedException {
        long end = System.nanoTime() + bound();
        List<LinkEvent.Answered> answers = Transport.of(t.simEvents(), LinkEvent.Answered.class, a -> true);
        while (answers.size() < expected && System.nanoTime() < end) {
            Thread.sleep(1);
            answers = Transport.of(t.simEvents(), LinkEvent.Answered.class, a -> true);
        }
        return answers;
    }

    /** The request data of every answer the module gave ("C1" is StartCommunication's), in order, at least {@code expected}. */
    private static List<String> answeredRequests(Transport t, int expected) throws InterruptedException {
        return answers(t, expected).stream()
                .map(a ->
                        a.request().toString().equals("81") ? "C1" : a.request().toString())
                .toList();
    }

    private static List<Violation> violationsBeyondU(Transport t) {
        DiagnosticProfile d = t.diagnostics();
        // judged as validate judges the sim's trace file: with the machine's stops it saw
        return d.protocol().judge(t.simTrace(), t.uncertainty(), t.machineStops()).stream()
                .filter(v -> v.beyond(t.uncertainty(), t.machineStops()))
                .toList();
    }

    private static String saw(Transport t, List<PortTester.Exchange> x) {
        return saw(t, x.toArray(PortTester.Exchange[]::new));
    }

    /** What both ends saw: the tester's exchanges, the module's events and the end of its line. */
    static String saw(Transport t, PortTester.Exchange... x) {
        return "on " + t.describe() + "\n  the tester saw: "
                + Arrays.stream(x).map(TransportContract::exchange).collect(Collectors.joining("\n    "))
                + "\n  the module saw: " + simSaw(t);
    }

    private static String exchange(PortTester.Exchange e) {
        return e.request() + " -> " + e.answer().orElse("no answer") + " (P2 " + Durations.format(e.p2Nanos())
                + (e.heard().isEmpty() ? "" : ", heard " + e.heard()) + ")";
    }

    private static String simSaw(Transport t) {
        List<Event> events = t.simEvents();
        List<TraceEntry> trace = t.simTrace();
        long origin = trace.isEmpty() ? 0 : trace.get(0).at();
        return "events " + events.subList(Math.max(0, events.size() - 24), events.size())
                + "\n  its line, lately (ns from its first byte): "
                + trace.subList(Math.max(0, trace.size() - 40), trace.size()).stream()
                        .map(e -> TraceFormat.line(e, origin, 0))
                        .toList();
    }
}
