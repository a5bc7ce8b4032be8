package io.klinebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.bench.Timeline;
import io.klinebench.car.CarEvent;
import io.klinebench.fob.FobEvent;
import io.klinebench.kline.LinkEvent;
import io.klinebench.line.Bytes;
import io.klinebench.line.Direction;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.time.TimingWindow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Events in words: the sim's answers, the live lines, their tone. */
class EventTextTest {

    private static final long S = Durations.S;

    private static Map<String, Object> m(Event e) {
        return ReportModel.event(e, serial -> serial == 0x0A5A5A5 ? "A" : null, 0);
    }

    private static String answer(Event... events) {
        return EventText.answer(List.of(events).stream().map(EventTextTest::m).toList());
    }

    @Test
    void anActionIsAnsweredWithWhatTheCarDid() {
        assertThat(answer(new CarEvent.IgnitionChanged(S, 1, 2), new CarEvent.CycleCounted(S, 1, 4)))
                .isEqualTo("ok: ignition-changed from=1 to=2; cycle-counted n=1 of=4");
        assertThat(answer(new CarEvent.WindowJudged(
                        S, TimingWindow.atLeast("cycles.min-run-time", 500 * Durations.MS, S, "time in run"))))
                .isEqualTo("ok: window cycles.min-run-time >= 500ms actual 1s margin +500ms met");
        assertThat(answer()).isEqualTo("ok: nothing happened");
    }

    @Test
    void aRefusalSaysWhy() {
        assertThat(answer(new CarEvent.InputRefused(S, "ignition 2", "no key in the ignition")))
                .isEqualTo("refused: no key in the ignition");
        assertThat(answer(
                        new FobEvent.Refused(S, "A", "remote-battery remove", "the rechargeable cell is soldered in")))
                .isEqualTo("refused: the rechargeable cell is soldered in");
    }

    @Test
    void windowsComeBackFromTheirFieldsAsTheTimelineHasThem() {
        TimingWindow judged = TimingWindow.atMost("completion.key-out-deadline", 5 * S, 6 * S, "key out");
        TimingWindow cell = TimingWindow.atMost("remote-battery.max-out-time", 30 * S, 10 * S, "coin cell out of A");
        LinkEvent.TimingViolation violation = new LinkEvent.TimingViolation(
                S, "P2max", Direction.ECU, 60 * Durations.MS, 50 * Durations.MS, "above-max", "answer to 21 01", "");
        LinkEvent.TimingViolation injected = new LinkEvent.TimingViolation(
                S,
                "P2",
                Direction.ECU,
                60 * Durations.MS,
                50 * Durations.MS,
                "above-max",
                "answer to 21 01",
                "late 30ms at 21 01");
        assertThat(EventText.window(m(new CarEvent.WindowJudged(S, judged)))).contains(judged);
        assertThat(EventText.window(m(new FobEvent.BatteryInserted(S, "A", cell, false))))
                .contains(cell);
        assertThat(EventText.window(m(violation))).contains(Timeline.window(violation));
        assertThat(EventText.window(m(injected)))
                .hasValueSatisfying(w -> assertThat(w.detail()).endsWith("; injected: late 30ms at 21 01"));
        assertThat(EventText.window(m(new CarEvent.CycleCounted(S, 1, 4)))).isEmpty();
    }

    @Test
    void theLiveLineOfAWindowIsTheReportsWindowLine() {
        TimingWindow w = TimingWindow.atLeast("cycles.min-run-time", 500 * Durations.MS, 300 * Durations.MS, "cycle 1");
        assertThat(EventText.line(m(new CarEvent.WindowJudged(2 * S, w))))
                .isEqualTo(
                        "       2.000s  cycles.min-run-time                >= 500ms     actual 300ms     margin -200ms     MISSED  cycle 1");
        assertThat(EventText.line(m(new LinkEvent.FrameDropped(
                        3 * S,
                        Direction.ECU,
                        "bad_checksum",
                        Bytes.of(new byte[] {0x00, 0x04, 0x00, 0x05}),
                        "its checksum is wrong"))))
                .isEqualTo(
                        "       3.000s  frame-dropped              by=ecu reason=bad_checksum hex=00 04 00 05 why=its"
                                + " checksum is wrong");
    }

    @Test
    void toneRedForWhatWentWrongGreenForWhatWentRight() {
        TimingWindow met = TimingWindow.atMost("w", S, 0, "");
        TimingWindow missed = TimingWindow.atMost("w", 0, S, "");
        assertThat(EventText.tone(m(new CarEvent.WindowJudged(S, met)))).isEqualTo(EventText.Tone.GOOD);
        assertThat(EventText.tone(m(new CarEvent.WindowJudged(S, missed)))).isEqualTo(EventText.Tone.BAD);
        assertThat(EventText.tone(m(new CarEvent.InputRefused(S, "x", "y")))).isEqualTo(EventText.Tone.BAD);
        assertThat(EventText.tone(m(new LinkEvent.FrameDropped(S, Direction.ECU, "r", Bytes.of(new byte[] {1}), "w"))))
                .isEqualTo(EventText.Tone.BAD);
        assertThat(EventText.tone(m(new LinkEvent.Ignored(S, "fast init", "not awaited"))))
                .isEqualTo(EventText.Tone.WARN);
        assertThat(EventText.tone(m(new CarEvent.RemoteLearned(S, 0x0A5A5A5, 0, false))))
                .isEqualTo(EventText.Tone.GOOD);
        assertThat(EventText.tone(m(new CarEvent.LearnWindowClosed(S, CarEvent.WindowClose.TIMEOUT, 0))))
                .isEqualTo(EventText.Tone.BAD);
        assertThat(EventText.tone(m(new CarEvent.KeyInserted(S, "A")))).isEqualTo(EventText.Tone.PLAIN);
        assertThat(EventText.coloured(EventText.Tone.BAD, "x")).isEqualTo("\u001B[31mx\u001B[0m");
        assertThat(EventText.coloured(EventText.Tone.PLAIN, "x")).isEqualTo("x");
    }

    @Test
    void instantsAmongTheFieldsCountFromTheOrigin() {
        long origin = 1_000 * S;
        Map<String, Object> opened =
                ReportModel.event(new CarEvent.LearnWindowOpened(origin + 2 * S, origin + 32 * S), s -> null, origin);
        assertThat(opened)
                .containsEntry("at-ns", 2 * S)
                .containsEntry("t", "2.000")
                .containsEntry("closes-at", 32 * S);
    }

    @Test
    void fieldsReadAsPeopleReadThemAndTheJsonKeepsTheNanoseconds() {
        Map<String, Object> answered = m(new LinkEvent.Answered(
                2 * S, Bytes.of(new byte[] {0x21, 0x01}), Bytes.of(new byte[] {0x61, 0x01}), false, 30_123_456, ""));
        assertThat(EventText.line(answered))
                .isEqualTo(
                        "       2.000s  answered                   request=21 01 data=61 01 negative=false p2=30.12ms");
        assertThat(answered.get("p2")).isEqualTo(30_123_456L);
        assertThat(answered.get("why"))
                .as("kept for machines, left out for people")
                .isEqualTo("");
        assertThat(EventText.line(m(new LinkEvent.Answered(
                        S,
                        Bytes.of(new byte[] {0x01, 0x02, 0x12, 0x34}),
                        Bytes.of(new byte[] {(byte) 0xA2}),
                        true,
                        0,
                        "invalid key"))))
                .endsWith("data=A2 negative=true p2=0s why=invalid key");
        assertThat(EventText.line(m(new CarEvent.LearnWindowOpened(17 * S, 47 * S))))
                .isEqualTo("      17.000s  learn-window-opened        closes-at=47.000s");
        assertThat(EventText.line(m(new LinkEvent.TesterReceived(
                        S,
                        io.klinebench.kline.TesterRequest.of(Bytes.of(new byte[] {0x3E})),
                        Bytes.of(new byte[] {0x7E}),
                        10 * Durations.MS))))
                .endsWith("waited=10ms");
    }

    @Test
    void aJitteredWindowKeepsItsColumns() {
        String line = EventText.windowLine(ReportModel.window(
                3 * S, TimingWindow.atMost("cycles.max-run-time", 5 * S, 581_328_950, "time in run for cycle 1")));
        assertThat(line)
                .isEqualTo(
                        "       3.000s  cycles.max-run-time                <= 5s        actual 581.3ms   margin +4.419s"
                                + "    met     time in run for cycle 1");
    }

    @Test
    void aMonthLongRunKeepsEachTableAligned() throws Exception {
        String report = TextReport.render(io.klinebench.bench.Bench.run("r53-2005-2008-parked-month"));
        List<String> steps = report.lines()
                .dropWhile(l -> !l.equals("Steps"))
                .skip(1)
                .takeWhile(l -> !l.isBlank())
                .toList();
        assertThat(steps).hasSizeGreaterThan(10);
        assertThat(steps.get(0)).isEqualTo("            0.000s  press A lock                     line 17");
        assertThat(steps).contains("  30d 00:35:25.000  press A lock                     line 33");
        // The time column is as wide as "30d 00:35:25.000": every action starts in column 20.
        assertThat(steps).allSatisfy(l -> {
            assertThat(l.substring(18, 20)).isEqualTo("  ");
            assertThat(l.charAt(20)).isNotEqualTo(' ');
        });
        assertThat(report).contains("ran 30d 1h of car time").doesNotContain("2592");
    }

    @Test
    void onATerminalWhatWentWrongIsRedAndWhatHeldGreen() throws Exception {
        io.klinebench.bench.BenchResult r = io.klinebench.bench.Bench.run("r53-2005-2008-three-cycles");
        String plain = TextReport.render(r, false);
        String coloured = TextReport.render(r, true);
        assertThat(plain).doesNotContain("\u001B[").isEqualTo(TextReport.render(r));
        assertThat(coloured).contains("\u001B[32mPASS\u001B[0m");
        assertThat(coloured.replaceAll("\u001B\\[[0-9]*m", "")).isEqualTo(plain);
        assertThat(TextReport.render(io.klinebench.bench.Bench.run("r53-2005-2008-key-out-late"), true))
                .contains("\u001B[31mMISSED\u001B[0m");
    }
}
