package io.klinebench.kline;

import static io.klinebench.time.Durations.MS;
import static io.klinebench.time.Durations.S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.KLineBus;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.TraceEntry;
import io.klinebench.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Several modules on one K-line, in virtual time and exact to the nanosecond: only the addressed
 * module answers; a functional request gets every module's answer, each its own P2 after the
 * end of the previous frame on the line (ISO 14230-2's P2: from the end of the request or of
 * the previous module's answer); a byte from someone else one nanosecond before a module's own
 * P2 would have passed moves its answer, one at that instant does not.
 */
class KLineBusTest {

    private static final KwpTiming KWP = KwpTiming.standard(); // ECU P2 30 ms, P1 1 ms
    private static final Ds2Timing DS2 = Ds2Timing.typical(); // response delay 10 ms, 1 ms between bytes

    private final VirtualClock clock = new VirtualClock();
    private final KLineBus bus = new KLineBus(clock, true);
    private final List<LinkEvent> events = new ArrayList<>();
    private final List<String> answeredBy = new ArrayList<>();

    private void ds2Module(String name, int address, byte... answer) {
        new Ds2EcuLink(
                clock,
                bus.attach(name),
                LineConditions.bench(),
                address,
                DS2,
                (data, now) -> {
                    answeredBy.add(name);
                    return Reply.answer(answer);
                },
                events::add);
    }

    private void kwpModule(String name, int address, long p2) {
        new KwpEcuLink(
                clock,
                bus.attach(name),
                LineConditions.bench(),
                address,
                new KeyBytes(0xEF, 0x8F),
                KWP.builder().ecuP2(p2).build(),
                (data, now) -> {
                    answeredBy.add(name);
                    return Reply.answer((byte) ((data[0] & 0xFF) + 0x40));
                },
                events::add);
    }

    /** The modules' bytes on the line, each as "instant-in-microseconds sender HEX". */
    private List<String> moduleBytes() {
        List<String> out = new ArrayList<>();
        List<TraceEntry> trace = bus.trace();
        for (int i = 0; i < trace.size(); i++) {
            TraceEntry t = trace.get(i);
            if (t.from() == Direction.ECU && t.kind() == TraceEntry.Kind.BYTE) {
                out.add(String.format("%d %s %02X", t.at() / 1000, bus.sender(i), t.value()));
            }
        }
        return out;
    }

    private List<LinkEvent.TesterReceived> received() {
        return events.stream()
                .filter(e -> e instanceof LinkEvent.TesterReceived)
                .map(e -> (LinkEvent.TesterReceived) e)
                .toList();
    }

    @Test
    void onADs2LineOnlyTheAddressedModuleAnswersAndTheOthersSayWhyNot() {
        ds2Module("BC1 00", 0x00, (byte) 0xA0, (byte) 0x88);
        ds2Module("KOMBI 80", 0x80, (byte) 0xA0, (byte) 0x11);
        Ds2Tester tester = new Ds2Tester(clock, bus.tester(), LineConditions.bench(), 0x80, DS2, events::add);

        clock.advanceTo(S);
        tester.send(new byte[] {0x00});
        clock.advanceBy(S);

        assertThat(answeredBy).containsExactly("KOMBI 80");
        // request 80 04 00 84: four bytes 1 ms apart, the last at 1.003 s; the answer 10 ms after
        assertThat(moduleBytes())
                .containsExactly(
                        "1013000 KOMBI 80 80",
                        "1014000 KOMBI 80 05",
                        "1015000 KOMBI 80 A0",
                        "1016000 KOMBI 80 11",
                        "1017000 KOMBI 80 34");
        assertThat(received())
                .singleElement()
                .satisfies(r -> assertThat(Hex.of(r.data().toArray())).isEqualTo("A0 11"));
        assertThat(events)
                .filteredOn(e -> e instanceof LinkEvent.Ignored)
                .extracting(e -> ((LinkEvent.Ignored) e).why())
                .contains("addressed to 80, we are 00");
    }

    @Test
    void aFunctionalStartCommunicationIsAnsweredByEveryModuleEachItsP2AfterThePreviousFrame() {
        kwpModule("EMS2000 13", 0x13, 25 * MS);
        kwpModule("EHPS 31", 0x31, 30 * MS);
        KwpTester tester = new KwpTester(
                clock, bus.tester(), LineConditions.bench(), KwpEcuLink.FUNCTIONAL_ADDRESS, 0xF1, KWP, events::add);

        clock.advanceTo(S);
        tester.fastInit();
        clock.advanceBy(S);

        // C1 33 F1 81 66 from 1.050 s, P4min (5 ms) apart: its last byte at 1.070 s.
        // EMS2000 (P2 25 ms) first: 83 F1 13 C1 EF 8F CS from 1.095 s, 1 ms apart, ends 1.101 s.
        // EHPS's own plan (1.100 s) falls inside that answer: it waits its P2 after the last byte.
        assertThat(moduleBytes())
                .containsExactly(
                        "1095000 EMS2000 13 83",
                        "1096000 EMS2000 13 F1",
                        "1097000 EMS2000 13 13",
                        "1098000 EMS2000 13 C1",
                        "1099000 EMS2000 13 EF",
                        "1100000 EMS2000 13 8F",
                        "1101000 EMS2000 13 " + cs(0x83, 0xF1, 0x13, 0xC1, 0xEF, 0x8F),
                        "1131000 EHPS 31 83",
                        "1132000 EHPS 31 F1",
                        "1133000 EHPS 31 31",
                        "1134000 EHPS 31 C1",
                        "1135000 EHPS 31 EF",
                        "1136000 EHPS 31 8F",
                        "1137000 EHPS 31 " + cs(0x83, 0xF1, 0x31, 0xC1, 0xEF, 0x8F));
        assertThat(received()).hasSize(2);
        assertThat(events)
                .filteredOn(e -> e instanceof LinkEvent.Answered)
                .extracting(e -> ((LinkEvent.Answered) e).p2())
                .containsExactly(25 * MS, 61 * MS); // the second one's delay counted from the request: 1.131 - 1.070 s
        assertThat(events).noneMatch(e -> e instanceof LinkEvent.Collision);
    }

    @Test
    void aPhysicalRequestOnTheKwpLineIsAnsweredByItsModuleAlone() {
        kwpModule("EMS2000 13", 0x13, 25 * MS);
        kwpModule("EHPS 31", 0x31, 30 * MS);
        KwpTester tester = new KwpTester(clock, bus.tester(), LineConditions.bench(), 0x31, 0xF1, KWP, events::add);

        clock.advanceTo(S);
        tester.fastInit();
        clock.advanceBy(S);

        assertThat(answeredBy).isEmpty(); // StartCommunication is the link's own
        assertThat(moduleBytes()).allMatch(b -> b.contains("EHPS 31"));
        assertThat(moduleBytes().get(0)).startsWith("1100000 "); // its own P2 after the request
        assertThat(events)
                .filteredOn(e -> e instanceof LinkEvent.Ignored)
                .extracting(e -> ((LinkEvent.Ignored) e).why())
                .contains("addressed to 31, we are 13");
    }

    /**
     * The limit, both sides: the DS2 module's answer is planned at request end + 10 ms. Another
     * end's byte exactly 10 ms before that leaves it where it is; one a nanosecond later moves it
     * by that nanosecond.
     */
    @Test
    void aByteFromAnotherModuleMovesAnAnswerOnlyWhenItComesLessThanP2BeforeIt() {
        assertThat(firstAnswerByteAfterAnotherByteAt(0)).isEqualTo(S + 13 * MS);
        assertThat(firstAnswerByteAfterAnotherByteAt(1)).isEqualTo(S + 13 * MS + 1);
    }

    private long firstAnswerByteAfterAnotherByteAt(long nanosAfterRequestEnd) {
        VirtualClock c = new VirtualClock();
        KLineBus b = new KLineBus(c, true);
        new Ds2EcuLink(
                c,
                b.attach("BC1 00"),
                LineConditions.bench(),
                0x00,
                DS2,
                (data, now) -> Reply.answer((byte) 0xA0),
                e -> {});
        LineEndpoint other = b.attach("another module");
        LineEndpoint tester = b.tester();
        long at = S;
        for (int v : new int[] {0x00, 0x04, 0x00, 0x04}) {
            c.advanceTo(at);
            tester.send(v);
            at += MS;
        }
        long requestEnd = at - MS;
        c.advanceTo(requestEnd + nanosAfterRequestEnd);
        other.send(0x55);
        c.advanceBy(S);
        List<TraceEntry> trace = b.trace();
        for (int i = 0; i < trace.size(); i++) {
            if (b.sender(i).equals("BC1 00")) {
                return trace.get(i).at();
            }
        }
        throw new AssertionError("BC1 never answered");
    }

    @Test
    void twoModulesWithTheSameP2CollideAndSaySo() {
        kwpModule("EMS2000 13", 0x13, 25 * MS);
        kwpModule("EHPS 31", 0x31, 25 * MS);
        KwpTester tester = new KwpTester(
                clock, bus.tester(), LineConditions.bench(), KwpEcuLink.FUNCTIONAL_ADDRESS, 0xF1, KWP, events::add);

        clock.advanceTo(S);
        tester.fastInit();
        clock.advanceBy(S);

        assertThat(events).anyMatch(e -> e instanceof LinkEvent.Collision);
    }

    @Test
    void aModuleNameIsOnTheLineOnce() {
        bus.attach("KOMBI 80");
        assertThatThrownBy(() -> bus.attach("KOMBI 80"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'KOMBI 80' is on this line already");
    }

    private static String cs(int... bytes) {
        int sum = 0;
        for (int b : bytes) {
            sum += b;
        }
        return String.format("%02X", sum & 0xFF);
    }
}
