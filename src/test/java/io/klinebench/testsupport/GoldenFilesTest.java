package io.klinebench.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;

/** The golden-file helper: what a mismatch and a missing file say. */
class GoldenFilesTest {

    @Test
    void aChangedLineShowsAsAUnifiedDiffWithThreeLinesOfContext() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        String after = "a\nb\nc\nd\ne\nF\ng\nh\ni\nj\nk\n";

        assertThat(Golden.diff(before, after)).isEqualTo("""
                @@ -3,8 +3,9 @@
                 c
                 d
                 e
                -f
                +F
                 g
                 h
                 i
                 j
                +k
                """);
        assertThat(Golden.diff(before, before)).isEmpty();
    }

    @Test
    void changesFarApartAreHunksOfTheirOwn() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
        String after = "one\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\ntwelve\n";

        assertThat(Golden.diff(before, after))
                .isEqualTo("@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+twelve\n");
    }

    @Test
    void aMismatchSaysWhichFileHowToAcceptItAndTheDiff() {
        assumeFalse(Golden.updating(), "would rewrite the file");
        String golden = Golden.read(Golden.file("listings/profiles"));
        String changed = golden.replace("4 ignition cycles", "4 ignition cycle(s)");

        Throwable t = catchThrowable(() -> Golden.assertMatches("listings/profiles", changed));

        assertThat(t.getMessage())
                .contains("src/test/resources/golden/listings/profiles.txt differs from the output")
                .contains("-Dgolden.update=true")
                .contains("\n-r50-r53-2005-2008    R50/R52/R53 2005-2008: 4 ignition cycles,")
                .contains("\n+r50-r53-2005-2008    R50/R52/R53 2005-2008: 4 ignition cycle(s),");
    }

    @Test
    void aMissingFileSaysHowToCreateIt() {
        assumeFalse(Golden.updating(), "would create the file");

        Throwable t = catchThrowable(() -> Golden.assertMatches("run/no-such-sequence", "text\n"));

        assertThat(t.getMessage())
                .startsWith("no golden file src/test/resources/golden/run/no-such-sequence.txt")
                .contains("./mvnw -q -o test -Dtest='Golden*' -Dgolden.update=true");
    }

    @Test
    void rawNanosecondsAreRefusedEvenWhenUpdating() {
        Throwable t = catchThrowable(() -> Golden.assertMatches("run/never-written", "at 1500000000\n"));

        assertThat(t.getMessage()).contains("line 1: a number of 7+ digits '1500000000'");
        assertThat(Golden.file("run/never-written")).doesNotExist();
    }
}
