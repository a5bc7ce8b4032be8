package io.klinebench.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.protocol.DiagnosticProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ediabaslib simulation files, as its documentation (docs/EdiabasLib.simulation_file.md) says
 * they answer: the shipped examples in bench-config/replay served through the profile's link
 * in virtual time (whole DS2 telegrams, addressed KWP 2000 sections with bare requests,
 * wildcards, masks, a variable length, answers computed from the request), and every malformed
 * file refused at file:line:col with the cause.
 */
class EdiabasSimFileTest {

    private static final ReplayOptions OPTIONS = new ReplayOptions(
            ReplayOptions.Timing.RECORDED, new UnknownRequest.Refuse(0xB1), ReplayOptions.AfterLast.REPEAT);

    private static DiagnosticProfile profile(String name) throws Exception {
        return ProfileCatalog.builtIn().loadDiagnostics(name);
    }

    @Test
    void theR53ExampleAnswersAsTheDocumentationSays() throws Exception {
        String p = "r50-r53-2005-2008";
        ReplayScript s = EdiabasSimFile.read(Path.of("bench-config/replay/r53-bc1.sim"), profile(p));
        ReplayHarness h = new ReplayHarness(p, s, OPTIONS);
        assertThat(h.ask("00")).as("IDENT").isEqualTo("A0 06 13 56 94 03 02 01 00 01 00 FF 09");
        assertThat(h.ask("0B 03"))
                .as("XX: any LID; 00|[03]: the request's byte 03")
                .isEqualTo("A0 03");
        assertThat(h.ask("0B 07")).isEqualTo("A0 07");
        assertThat(h.ask("0B 07 01")).as("no .. : the length is fixed").isEqualTo("B1");
        assertThat(h.ask("35")).as("30&F0: the high nibble 3").isEqualTo("B1");
        assertThat(h.events(ReplayEvent.ReplayAnswered.class)).hasSize(4);
        assertThat(h.events(ReplayEvent.ReplayRefused.class))
                .singleElement()
                .satisfies(e -> assertThat(e.request().toString()).isEqualTo("0B 07 01"));
        assertThat(h.ask("45")).as("not 3X").isEqualTo("B1");
        assertThat(s.rules()).extracting(r -> r.pattern().toString()).containsExactly("00", "0B XX", "3X");
    }

    @Test
    void theR56ExampleAnswersItsOwnAddressAndSaysWhatItLeftOut() throws Exception {
        String p = "r56-2007-2013";
        ReplayScript s = EdiabasSimFile.read(Path.of("bench-config/replay/r56-cas.sim"), profile(p));
        ReplayHarness h = new ReplayHarness(p, s, OPTIONS);
        assertThat(h.ask("1A 80")).isEqualTo("5A 80 09 14 72 29 01 05 01 00 01 00 FF 14");
        assertThat(h.ask("21 05")).isEqualTo("61 05 00");
        assertThat(h.ask("21 06 01 02")).as(".. : further bytes").isEqualTo("61 06 00");
        assertThat(h.ask("3E")).isEqualTo("7E");
        assertThat(s.notes())
                .anySatisfy(n -> assertThat(n).contains("KEYBYTES EF,8F").contains("the profile's key bytes"))
                .anySatisfy(n -> assertThat(n)
                        .isEqualTo("bench-config/replay/r56-cas.sim:28:1: [12.REQUEST] is for ECU 12, this profile's"
                                + " module is 40; left out"));
    }

    @Test
    void aWholeKwpFrameWithoutAddressPrefixIsTakenApartByTheProfilesDecoder() throws Exception {
        DiagnosticProfile r56 = profile("r56-2007-2013");
        ReplayScript s = EdiabasSimFile.read(
                "fast.sim",
                List.of("[REQUEST]", "key1=82,40,F1,21,XX", "[RESPONSE]", "key1=83,F1,40,61,01,02,18"),
                r56);
        ReplayHarness h = new ReplayHarness("r56-2007-2013", s, OPTIONS);
        assertThat(h.ask("21 09")).isEqualTo("61 01 02");
        assertThat(s.rules()).extracting(r -> r.pattern().toString()).containsExactly("21 XX");
    }

    @Test
    void aByteOrderMarkIsNoPartOfTheFirstLine() throws Exception {
        String p = "r50-r53-2005-2008";
        ReplayScript s = EdiabasSimFile.read(
                "x.sim", List.of("\uFEFF[REQUEST]", "key1=00,04,00", "[RESPONSE]", "key1=00,04,A0,A4"), profile(p));
        assertThat(new ReplayHarness(p, s, OPTIONS).ask("00")).isEqualTo("A0");
    }

    @Test
    void aChecksumCountsTheFirstBytesItNames() throws Exception {
        String p = "r50-r53-2005-2008";
        ReplayScript s = EdiabasSimFile.read(
                "x.sim",
                List.of("[REQUEST]", "key1=00,04,00", "[RESPONSE]", "key1=00,05,A0,00^$03,00^$00"),
                profile(p));
        assertThat(new ReplayHarness(p, s, OPTIONS).ask("00"))
                .as("00 ^ 05 ^ A0, the first 3 bytes")
                .isEqualTo("A0 A5");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a bad byte|[REQUEST];key1=00,04,0G;[RESPONSE];key1=00,04,A0,A4|x.sim:2:12: '0G' is not a request byte",
                "no response|[REQUEST];key1=00,04,00;[RESPONSE];key2=00,04,A0,A4|x.sim:2:1: REQUEST key1 has no RESPONSE key1",
                "no request|[REQUEST];key1=00,04,00;[RESPONSE];key1=00,04,A0,A4;key2=00,04,A0,A4|x.sim:5:1: RESPONSE key2 has no REQUEST key2",
                "unknown section|[REQUESTS];key1=00|x.sim:1:1: unknown section '[REQUESTS]'",
                "entry first|key1=00,04,00|x.sim:1:1: an entry before any section",
                "not an entry|[REQUEST];00,04,00|x.sim:2:1: expected key=value",
                "a key twice|[REQUEST];key1=00,04,00;key1=00,04,00|x.sim:3:1: key1 a second time in [REQUEST]; first on line 2",
                "bad checksum|[REQUEST];key1=00,04,00;[RESPONSE];key1=00,04,A0,A5|x.sim:4:1: RESPONSE key1 is no whole DS2 frame with its checksum (00 04 A0 A5: not one whole frame (bad checksum))",
                "no whole frame|[REQUEST];key1=00,09,00;[RESPONSE];key1=00,04,A0,A4|x.sim:2:1: REQUEST key1 is no whole DS2 frame",
                ".. in a whole frame|[REQUEST];key1=00,04,00,..;[RESPONSE];key1=00,04,A0,A4|x.sim:2:15: '..' with a whole frame",
                "a wildcard in the header|[REQUEST];key1=00,XX,00;[RESPONSE];key1=00,04,A0,A4|x.sim:2:1: REQUEST key1 is no whole DS2 frame",
                "an address on DS2|[00.REQUEST];key1=00|x.sim:1:1: an address before a section is for an ECU woken by its address",
                "a wildcard in a response|[REQUEST];key1=00,04,00;[RESPONSE];key1=00,04,XX,A4|x.sim:4:12: 'XX' is not a response byte",
                "a checksum by minus|[REQUEST];key1=00,04,00;[RESPONSE];key1=00,04,A0,00-$00|x.sim:4:15: a checksum ($) is made with ^ or + only",
                "past the request|[REQUEST];key1=00,04,00;[RESPONSE];key1=00,04,00+[09],00^$00|x.sim:4:1: RESPONSE key1: [09] is past the request's 3 bytes",
                "a checksum past the response|[REQUEST];key1=00,04,00;[RESPONSE];key1=00,05,A0,00,00^$FF|x.sim:4:18: RESPONSE key1: $FF is past the 4 bytes before it",
                "nothing|[REQUEST]|x.sim: no REQUEST with its RESPONSE",
            })
    void aMalformedFileIsRefusedAtFileLineColumnWithTheCause(String what, String lines, String message) {
        assertThatThrownBy(
                        () -> EdiabasSimFile.read("x.sim", List.of(lines.split(";", -1)), profile("r50-r53-2005-2008")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @TempDir
    Path dir;

    /**
     * A .sim was read whole (Files.readAllLines) and its errors quoted whole words and lines: a
     * 1,000,000-character line came back in the message. It is refused when it passes the line
     * length a trace has too (64 Ki characters), at its line, quoting its first 60 characters.
     */
    @Test
    void aLineOfAMillionCharactersIsRefusedAtItsLineWithAShortQuote() throws Exception {
        Path file = dir.resolve("huge.sim");
        Files.writeString(file, "\uFEFF[REQUEST]\nkey1=" + "0".repeat(1_000_000) + "\n[RESPONSE]\nkey1=00,04,A0,A4\n");

        long start = System.nanoTime();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> EdiabasSimFile.read(file, profile("r50-r53-2005-2008")));
        long took = System.nanoTime() - start;

        assertThat(thrown)
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2:65537: a line longer than 65536 characters: a simulation file's line is a"
                        + " section or a key with its bytes (is this a .sim file?); it starts 'key1="
                        + "0".repeat(55) + "...'");
        assertThat(took).as("refused as it is read, not after").isLessThan(2_000_000_000L);
    }

    /** Any text of the file an error quotes is cut to its first 60 characters. */
    @Test
    void anErrorQuotesTheStartOfALongWordNotAllOfIt() {
        String word = "G".repeat(1_000);
        assertThatThrownBy(() -> EdiabasSimFile.read(
                        "x.sim",
                        List.of("[REQUEST]", "key1=00,04," + word, "[RESPONSE]", "key1=00,04,A0,A4"),
                        profile("r50-r53-2005-2008")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("x.sim:2:12: '" + "G".repeat(60) + "...' is not a request byte: two hex digits, XX (any),"
                        + " hh&mm or hh|mm (masked), or a final ..");
        assertThatThrownBy(() -> EdiabasSimFile.read("x.sim", List.of("[REQUEST]", word), profile("r50-r53-2005-2008")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("x.sim:2:1: expected key=value (e.g. key1=00,04,00), not '" + "G".repeat(60) + "...'");
    }
}
