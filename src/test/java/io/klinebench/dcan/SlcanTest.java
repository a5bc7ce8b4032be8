package io.klinebench.dcan;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.Reply;
import io.klinebench.line.Hex;
import io.klinebench.line.VirtualLine;
import io.klinebench.time.Durations;
import io.klinebench.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The slcan text both ways, bad lines said with place and cause, and both ends of the line in virtual time. */
class SlcanTest {

    private static final CanFrame REQUEST = new CanFrame(0x6F1, Hex.parse("40 02 21 01 00 00 00 00"));

    @Test
    void aFrameIsWrittenAsCanableWritesIt() {
        assertThat(Slcan.line(REQUEST)).isEqualTo("t6F184002210100000000\r");
        assertThat(Slcan.line(new CanFrame(0x7DF, new byte[0]))).isEqualTo("t7DF0\r");
        assertThat(Slcan.line(REQUEST, 60_001)).isEqualTo("t6F1840022101000000000001\r");
    }

    @Test
    void framesAreReadInEitherCaseWithOrWithoutTimestamp() {
        assertThat(Slcan.parse("t6f184002210100000000"))
                .isEqualTo(new SlcanMessage.Frame(REQUEST, OptionalInt.empty()));
        assertThat(Slcan.parse("t6F184002210100000000EA5F"))
                .isEqualTo(new SlcanMessage.Frame(REQUEST, OptionalInt.of(59_999)));
        assertThat(Slcan.parse("")).isInstanceOf(SlcanMessage.Ok.class);
        assertThat(Slcan.parse("z")).isInstanceOf(SlcanMessage.Transmitted.class);
        assertThat(Slcan.parse("S6")).isEqualTo(new SlcanMessage.Command('S', "6"));
        assertThat(Slcan.parse("T1234567881122334455667788")).isInstanceOf(SlcanMessage.NotForDCan.class);
        assertThat(Slcan.parse("r6F18")).isInstanceOf(SlcanMessage.NotForDCan.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "t6F1G4002 | 5 | the length digit 'G' is not 0..8",
                "t6F19     | 5 | the length digit '9' is not 0..8",
                "t80010    | 2 | identifier 800 is beyond 7FF (11 bits)",
                "t6X1140   | 3 | 'X' is not a hex digit",
                "t6F1      | 5 | ends before its length digit (3 identifier digits, then the length)",
                "t6F1240021 | 10 | a frame with 2 data bytes is 9 characters (13 with a timestamp), not 10",
                "t6F11G0   | 6 | 'G' is not a hex digit",
                "t6F1140EA60 | 8 | timestamp EA60 is beyond 59999 ms (EA5F)",
            })
    void aBadLineSaysWhereAndWhy(String line, int column, String why) {
        assertThat(Slcan.parse(line)).isEqualTo(new SlcanMessage.Bad(line, column, why));
    }

    @Test
    void theDecoderCutsLinesTakesBellAloneAndReadsOnAfterAnOverlongLine() {
        List<SlcanDecoder.Read> read = new ArrayList<>();
        SlcanDecoder d = new SlcanDecoder(read::add);
        String text = "\r\u0007" + "x".repeat(40) + "\rt7DF0\r\nz\r";
        for (int i = 0; i < text.length(); i++) {
            d.feed(text.charAt(i), i);
        }
        assertThat(read)
                .extracting(SlcanDecoder.Read::message)
                .hasExactlyElementsOfTypes(
                        SlcanMessage.Ok.class,
                        SlcanMessage.Error.class,
                        SlcanMessage.Bad.class,
                        SlcanMessage.Frame.class,
                        SlcanMessage.Transmitted.class);
        assertThat(((SlcanMessage.Bad) read.get(2).message()).why()).startsWith("no carriage return after 30");
        assertThat(read.get(3).firstAt()).isEqualTo(43);
        assertThat(read.get(3).at()).isEqualTo(48);
    }

    @Test
    void theTesterReadsTheModuleThroughTheAdapterItOpens() {
        VirtualClock clock = new VirtualClock();
        VirtualLine line = new VirtualLine(clock, false);
        List<LinkEvent> ecu = new ArrayList<>();
        List<LinkEvent> tester = new ArrayList<>();
        LineConditions exact = LineConditions.bench().strictly();
        new SlcanEcuLink(
                clock,
                line.ecu(),
                new LineConditions(false, exact.uncertainty(), true),
                SlcanPort.Role.ADAPTER,
                0x40,
                DCanTiming.standard(),
                (data, at) -> Reply.answer(Hex.parse("61 01 01 02 03 04 05 06 07")),
                ecu::add);
        SlcanTester t = new SlcanTester(
                clock,
                line.tester(),
                new LineConditions(false, exact.uncertainty(), true),
                0x40,
                0xF1,
                DCanTiming.standard(),
                tester::add);
        clock.advanceBy(Durations.MS);
        t.send(Hex.parse("21 01"));
        clock.advanceBy(Durations.S);

        assertThat(tester)
                .filteredOn(e -> e instanceof LinkEvent.TesterReceived)
                .singleElement()
                .satisfies(e -> assertThat(((LinkEvent.TesterReceived) e).data().toString())
                        .isEqualTo("61 01 01 02 03 04 05 06 07"));
        assertThat(ecu).filteredOn(e -> e instanceof LinkEvent.Answered).hasSize(1);
        assertThat(ecu).noneMatch(e -> e instanceof LinkEvent.Ignored || e instanceof LinkEvent.FrameDropped);
        // the request after the opening, acknowledged; the answer a first frame, a flow control, a consecutive frame
        assertThat(text(line, io.klinebench.line.Direction.TESTER))
                .isEqualTo("C\rS6\rO\rt6F184002210100000000\rt6F184030000000000000\r");
        assertThat(text(line, io.klinebench.line.Direction.ECU))
                .isEqualTo("\r\r\rz\rt6408F110096101010203\rz\rt6408F121040506070000\r");
    }

    @Test
    void theAdapterRefusesAFrameBeforeItIsOpenAndSaysWhy() {
        VirtualClock clock = new VirtualClock();
        VirtualLine line = new VirtualLine(clock, false);
        List<LinkEvent> ecu = new ArrayList<>();
        new SlcanEcuLink(
                clock,
                line.ecu(),
                LineConditions.bench(),
                SlcanPort.Role.ADAPTER,
                0x40,
                DCanTiming.standard(),
                (data, at) -> Reply.answer(Hex.parse("61 01")),
                ecu::add);
        for (char c : "t6F184002210100000000\rS4\rO\rt6F184002210100000000\rQ\r".toCharArray()) {
            line.tester().send(c);
        }
        clock.advanceBy(Durations.S);
        assertThat(text(line, io.klinebench.line.Direction.ECU)).isEqualTo("\u0007\r\r\u0007\u0007");
        assertThat(ecu)
                .filteredOn(e -> e instanceof LinkEvent.Ignored)
                .extracting(e -> ((LinkEvent.Ignored) e).why())
                .containsExactly(
                        "not sent on the bus: the channel is closed (O opens it)",
                        "the adapter is set to 125 kbit/s (S4), the bus runs at 500 (S6): no frame will pass until S6",
                        "not sent on the bus: the adapter is set to 125 kbit/s (S4), the bus runs at 500 (S6)",
                        "answered BEL: not a command this adapter knows");
    }

    private static String text(VirtualLine line, io.klinebench.line.Direction from) {
        StringBuilder s = new StringBuilder();
        line.trace().stream().filter(t -> t.from() == from).forEach(t -> s.append((char) t.value()));
        return s.toString();
    }
}
