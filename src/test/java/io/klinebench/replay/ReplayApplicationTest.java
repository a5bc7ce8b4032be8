package io.klinebench.replay;

import static io.klinebench.time.Durations.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.kline.LinkEvent;
import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.protocol.Kwp2000;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The replay module in virtual time, exact: the profile's own link layer and the bench's tester
 * around a {@link ReplayApplication}. Matching (exact, masks), the order of repeated answers and
 * what comes after the last, unknown requests refused or ignored (and said), and both timing modes
 * to the nanosecond.
 */
class ReplayApplicationTest {

    private static final String R56 = "r56-2007-2013";
    private static final String R53 = "r50-r53-2005-2008";
    private static final ReplayOptions PROFILE_TIMING = new ReplayOptions(
            ReplayOptions.Timing.PROFILE, new UnknownRequest.Refuse(0x11), ReplayOptions.AfterLast.REPEAT);

    private static ReplayAnswer answer(String hex) {
        return new ReplayAnswer(Optional.of(AnswerData.of(Hex.parse(hex))), Optional.empty(), "test");
    }

    private static ReplayAnswer timed(String hex, long p2, long... gaps) {
        return new ReplayAnswer(
                Optional.of(AnswerData.of(Hex.parse(hex))),
                Optional.of(new RecordedTiming(new long[0], p2, gaps)),
                "test");
    }

    private static ReplayScript script(Object... patternsAndAnswers) {
        ReplayScript.Builder b = new ReplayScript.Builder(List.of());
        for (int i = 0; i < patternsAndAnswers.length; i += 2) {
            b.add(RequestPattern.parse((String) patternsAndAnswers[i]), (ReplayAnswer) patternsAndAnswers[i + 1]);
        }
        return b.build("test");
    }

    @Test
    void anExactRequestGetsItsRecordedAnswerByteForByteThroughTheProfilesLink() throws Exception {
        ReplayHarness h = new ReplayHarness(R56, script("21 01", answer("61 01 00 00 00 03")), PROFILE_TIMING);
        assertThat(h.ask("21 01")).isEqualTo("61 01 00 00 00 03");
        List<LinkEvent.FrameSent> sent = h.events(LinkEvent.FrameSent.class).stream()
                .filter(f -> f.from() == Direction.ECU)
                .toList();
        assertThat(sent.get(sent.size() - 1).hex().toString())
                .as("framed by the profile's link: FMT, tester, ECU 40, data, checksum")
                .isEqualTo("86 F1 40 61 01 00 00 00 03 1C");
        assertThat(h.events(ReplayEvent.ReplayAnswered.class)).singleElement().satisfies(e -> {
            assertThat(e.pattern()).isEqualTo("21 01");
            assertThat(e.n()).isEqualTo(1);
            assertThat(e.of()).isEqualTo(1);
        });
    }

    @Test
    void anUnknownKwpRequestIsRefusedWithTheChosenNrcAndSaysWhy() throws Exception {
        ReplayHarness h = new ReplayHarness(R56, script("21 01", answer("61 01")), PROFILE_TIMING);
        assertThat(h.ask("22 33")).isEqualTo("7F 22 11");
        assertThat(h.events(ReplayEvent.ReplayRefused.class))
                .singleElement()
                .satisfies(e -> assertThat(e.why()).isEqualTo("the recording has no answer to 22 33"));
        ReplayHarness h31 = new ReplayHarness(
                R56,
                script("21 01", answer("61 01")),
                new ReplayOptions(
                        ReplayOptions.Timing.PROFILE,
                        UnknownRequest.parse("nrc:31", h.profile.protocol()),
                        ReplayOptions.AfterLast.REPEAT));
        assertThat(h31.ask("21 02")).isEqualTo("7F 21 31");
    }

    @Test
    void anUnknownDs2RequestIsRefusedWithAStatusByteAlone() throws Exception {
        ReplayHarness h = new ReplayHarness(
                R53,
                script("00", answer("A0 06 13")),
                new ReplayOptions(
                        ReplayOptions.Timing.PROFILE, new UnknownRequest.Refuse(0xB1), ReplayOptions.AfterLast.REPEAT));
        assertThat(h.ask("00")).isEqualTo("A0 06 13");
        assertThat(h.ask("0B 03")).isEqualTo("B1");
        assertThat(h.events(ReplayEvent.ReplayRefused.class))
                .singleElement()
                .satisfies(e -> assertThat(e.answer().toString()).isEqualTo("B1"));
    }

    @Test
    void anUnknownRequestIgnoredGetsNoAnswerAndIsSaid() throws Exception {
        ReplayHarness h = new ReplayHarness(
                R56,
                script("21 01", answer("61 01")),
                new ReplayOptions(
                        ReplayOptions.Timing.PROFILE, new UnknownRequest.Ignore(), ReplayOptions.AfterLast.REPEAT));
        assertThat(h.ask("22 33")).isNull();
        assertThat(h.events(ReplayEvent.ReplayIgnored.class))
                .singleElement()
                .satisfies(e ->
                        assertThat(e.why()).isEqualTo("the recording has no answer to 22 33; ignoring it, as asked"));
        assertThat(h.events(LinkEvent.Ignored.class))
                .anySatisfy(e -> assertThat(e.why()).isEqualTo("the application gives no answer"));
    }

    @Test
    void masksMatchAnyByteANibbleOrFurtherBytes() throws Exception {
        ReplayHarness h = new ReplayHarness(
                R56,
                script(
                        "27 02 XX XX", answer("67 02"),
                        "31 1X", answer("71 10"),
                        "21 ..", answer("61 00")),
                PROFILE_TIMING);
        assertThat(h.ask("27 02 12 34")).isEqualTo("67 02");
        assertThat(h.ask("27 02 AB CD")).isEqualTo("67 02");
        assertThat(h.ask("27 02 12")).as("one byte short").isEqualTo("7F 27 11");
        assertThat(h.ask("31 15")).isEqualTo("71 10");
        assertThat(h.ask("31 25")).as("the high nibble counts").isEqualTo("7F 31 11");
        assertThat(h.ask("21")).as(".. takes none too").isEqualTo("61 00");
        assertThat(h.ask("21 05 06")).isEqualTo("61 00");
    }

    @Test
    void repeatedRequestsGetTheRecordedAnswersInOrderThenTheLastAgain() throws Exception {
        ReplayScript s = new ReplayScript.Builder(List.of())
                .add(Hex.parse("21 01"), answer("61 01 00"))
                .add(Hex.parse("21 01"), answer("61 01 01"))
                .build("test");
        ReplayHarness h = new ReplayHarness(R56, s, PROFILE_TIMING);
        assertThat(h.ask("21 01")).isEqualTo("61 01 00");
        assertThat(h.ask("21 01")).isEqualTo("61 01 01");
        assertThat(h.ask("21 01")).isEqualTo("61 01 01");
        List<ReplayEvent.ReplayAnswered> said = h.events(ReplayEvent.ReplayAnswered.class);
        assertThat(said).extracting(ReplayEvent.ReplayAnswered::n).containsExactly(1, 2, 2);
        assertThat(said.get(2).note()).isEqualTo("the recording's 2 answers to 21 01 used up; the last again");
    }

    @Test
    void afterTheLastAnswerUnknownTreatmentWhenChosen() throws Exception {
        ReplayScript s = new ReplayScript.Builder(List.of())
                .add(Hex.parse("21 01"), answer("61 01 00"))
                .add(Hex.parse("21 01"), answer("61 01 01"))
                .build("test");
        ReplayHarness h = new ReplayHarness(
                R56,
                s,
                new ReplayOptions(
                        ReplayOptions.Timing.PROFILE,
                        new UnknownRequest.Refuse(0x22),
                        ReplayOptions.AfterLast.UNKNOWN));
        assertThat(h.ask("21 01")).isEqualTo("61 01 00");
        assertThat(h.ask("21 01")).isEqualTo("61 01 01");
        assertThat(h.ask("21 01")).isEqualTo("7F 21 22");
        assertThat(h.events(ReplayEvent.ReplayRefused.class))
                .singleElement()
                .satisfies(e -> assertThat(e.why()).isEqualTo("the recording's 2 answers to 21 01 used up"));
    }

    @Test
    void aRequestTheRecordedModuleLeftUnansweredIsLeftUnansweredAndSaid() throws Exception {
        ReplayScript s = new ReplayScript.Builder(List.of())
                .add(Hex.parse("21 01"), new ReplayAnswer(Optional.empty(), Optional.empty(), "t.trace at 2.5s"))
                .build("test");
        ReplayHarness h = new ReplayHarness(R56, s, PROFILE_TIMING);
        assertThat(h.ask("21 01")).isNull();
        assertThat(h.events(ReplayEvent.ReplayIgnored.class))
                .singleElement()
                .satisfies(
                        e -> assertThat(e.why()).isEqualTo("the recorded module did not answer it (t.trace at 2.5s)"));
    }

    @Test
    void recordedTimingSendsEachByteAtItsRecordedInstant() throws Exception {
        // 6 bytes of data in a frame of 10: 4 recorded gaps, the rest at the profile's P1
        ReplayScript s = script("21 01", timed("61 01 00 00 00 03", 41 * MS, 2 * MS, 3 * MS, 4 * MS, 5 * MS));
        ReplayHarness h = new ReplayHarness(
                R56,
                s,
                new ReplayOptions(
                        ReplayOptions.Timing.RECORDED,
                        new UnknownRequest.Refuse(0x11),
                        ReplayOptions.AfterLast.REPEAT));
        h.ask("21 01");
        long end = h.lastRequestEnd();
        long p1 = ((Kwp2000) h.profile.protocol()).timing().ecuP1();
        long[] expected = new long[10];
        long[] gaps = {2 * MS, 3 * MS, 4 * MS, 5 * MS, p1, p1, p1, p1, p1};
        expected[0] = end + 41 * MS;
        for (int i = 1; i < 10; i++) {
            expected[i] = expected[i - 1] + gaps[i - 1];
        }
        assertThat(h.ecuBytesAfter(end)).containsExactly(box(expected));
    }

    @Test
    void profileTimingSendsAtTheProfilesP2AndP1WhateverWasRecorded() throws Exception {
        ReplayScript s = script("21 01", timed("61 01 00 00 00 03", 41 * MS, 2 * MS, 3 * MS, 4 * MS, 5 * MS));
        ReplayHarness h = new ReplayHarness(R56, s, PROFILE_TIMING);
        h.ask("21 01");
        long end = h.lastRequestEnd();
        long p1 = ((Kwp2000) h.profile.protocol()).timing().ecuP1();
        long[] expected = new long[10];
        for (int i = 0; i < 10; i++) {
            expected[i] = end + h.profile.protocol().answerDelay() + i * p1;
        }
        assertThat(h.ecuBytesAfter(end)).containsExactly(box(expected));
    }

    @Test
    void recordedTimingOnDs2Too() throws Exception {
        ReplayScript s = script("00", timed("A0 06", 17 * MS, 1 * MS, 2 * MS, 3 * MS, 4 * MS));
        ReplayHarness h = new ReplayHarness(
                R53,
                s,
                new ReplayOptions(
                        ReplayOptions.Timing.RECORDED,
                        new UnknownRequest.Refuse(0xB1),
                        ReplayOptions.AfterLast.REPEAT));
        assertThat(h.ask("00")).isEqualTo("A0 06");
        long end = h.lastRequestEnd();
        long first = end + 17 * MS;
        assertThat(h.ecuBytesAfter(end))
                .containsExactly(first, first + MS, first + 3 * MS, first + 6 * MS, first + 10 * MS);
    }

    @Test
    void recordedResponsePendingsComeBeforeTheAnswerAtTheRecordedInstants() throws Exception {
        ReplayAnswer a = new ReplayAnswer(
                Optional.of(AnswerData.of(Hex.parse("71 01"))),
                Optional.of(new RecordedTiming(new long[] {30 * MS, 400 * MS}, 900 * MS, new long[] {MS, MS, MS, MS})),
                "test");
        ReplayHarness h = new ReplayHarness(
                R56,
                script("31 01", a),
                new ReplayOptions(
                        ReplayOptions.Timing.RECORDED,
                        new UnknownRequest.Refuse(0x11),
                        ReplayOptions.AfterLast.REPEAT));
        assertThat(h.ask("31 01")).isEqualTo("71 01");
        long end = h.lastRequestEnd();
        List<LinkEvent.FrameSent> sent = h.events(LinkEvent.FrameSent.class).stream()
                .filter(f -> f.from() == Direction.ECU && f.firstAt() > end)
                .toList();
        assertThat(sent)
                .extracting(f -> f.hex().toString())
                .containsExactly("83 F1 40 7F 31 78 DC", "83 F1 40 7F 31 78 DC", "82 F1 40 71 01 25");
        assertThat(sent)
                .extracting(f -> f.firstAt() - end)
                .as("the first responsePending at the link's P2, the rest as recorded")
                .containsExactly(h.profile.protocol().answerDelay(), 400 * MS, 900 * MS);
    }

    private static Long[] box(long[] v) {
        Long[] out = new Long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
