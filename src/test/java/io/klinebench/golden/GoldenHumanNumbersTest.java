package io.klinebench.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.testsupport.Golden;
import io.klinebench.testsupport.HumanText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard against raw nanoseconds ({@link HumanText}, whose javadoc gives the rules and why):
 * every golden text on disk passes it (a hand edit or a file written before a rule was added
 * included), and the rules flag what they should and let pass what people legitimately read.
 * {@link Golden#assertMatches} applies the same guard to every text it compares, so a new
 * message with raw nanoseconds fails where it is golden-tested, even in update mode; {@code
 * GoldenHumanNumbersProperties} applies it to the formatters for any value.
 */
class GoldenHumanNumbersTest {

    /** The golden texts of people's output: in the folders under golden/ (its top holds the wire frames' files). */
    static List<Path> goldenTexts() throws IOException {
        try (Stream<Path> files = Files.walk(Golden.DIR)) {
            return files.filter(f -> f.getParent().startsWith(Golden.DIR)
                            && !f.getParent().equals(Golden.DIR))
                    .filter(f -> f.toString().endsWith(".txt"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyGoldenTextReadsInHumanNumbers() throws IOException {
        List<Path> texts = goldenTexts();
        assertThat(texts).as("golden texts under %s", Golden.DIR).hasSizeGreaterThan(60);
        for (Path f : texts) {
            assertThat(HumanText.offences(Golden.read(f))).as(f.toString()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "PASS  window-judged {actual-nanos=850000000} happens",
                "P4 too long (TESTER): 25000000 > max 20ms",
                "entry #3 at 70000000",
                "ran 59850000000 of car time",
                "margin +1500ns",
                "uncertainty: 25000000 ns",
                "waited 1,500ns",
                "limit-ns: 5s",
                "measuredNanos=5",
                "took 1.8E11",
                "took 1.8E+11 ns",
                "took 5e-3s",
                "actual 1.234567891s",
                "margin 12.50001ms",
                "\u001B[31mFAIL\u001B[0m",
                "an escape '\u001B[0m' in quotes is still one"
            })
    void flagsRawNanoseconds(String text) {
        assertThat(HumanText.offences(text)).as(text).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "remote-sent  remote=A serial=01A2B3C counter=40121 buttons=unlock",
                "remote-learned serial=0123456 remote=D slot=3",
                "VIN WBARE71060TZ12345 and key 0x1A2B3C",
                "P3max too long (TESTER): 1h > max 5s, 59min 56s over, entry #35 at 1:00:06.000: 86 F1 40 61 01 00 00 00 03 1C | 82 40",
                "  21d 00:10:00.000  remote-battery.max-out-time  <= 5min  actual 10min  margin -5min  MISSED",
                "106751d 23:47:16.855",
                "completion.first-remote-within  <= 10s  actual 10s  margin -1ns  MISSED",
                "P4 too short (TESTER): 999ns < min 5ms",
                "kline-bench validate: x.trace:3:1: expected '<ns> <tester|ecu> <hex byte> <frame>', found '5000000 tester 33'",
                "ECU answered 7F 27 35 after 581.3ms",
                "a 1E 2F byte and 3E 00",
                "reading: 123456 of 500000 steps (24 %)",
                "ran 59.85s of car time; 4.419s; 12.35ms; 928.7us"
            })
    void letsPassWhatPeopleRead(String text) {
        assertThat(HumanText.offences(text)).as(text).isEmpty();
    }
}
