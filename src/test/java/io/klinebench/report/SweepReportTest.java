package io.klinebench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** A sweep's page and SVG file, structurally: what is drawn, how many, escaped, well-formed. */
class SweepReportTest {

    private static SweepPage page(List<SweepPage.Cell> cells, double zeroY) {
        SweepPage.Box plot = new SweepPage.Box(100, 84, 400, 120);
        return new SweepPage(
                "sweeps/<script>alert(1)</script>.yaml",
                "R53 & friends",
                "3 points: 2 passed, 1 failed",
                600,
                SweepPage.height(plot, 3),
                plot,
                new SweepPage.Axis("key_out (sequence parameter, time)", List.of(new SweepPage.Tick(150, "1s"))),
                new SweepPage.Axis("margin", List.of(new SweepPage.Tick(100, "+1s"))),
                cells,
                zeroY < 0 ? List.of() : List.of(new SweepPage.Dot(150, 120, 0, "key_out = 1s\npassed")),
                zeroY < 0 ? "" : "M150,120",
                zeroY,
                List.of(new SweepPage.Mark(
                        300,
                        84,
                        300,
                        204,
                        new SweepPage.Box(299, 84, 2, 120),
                        300,
                        76,
                        "5.0005s ± 500us",
                        "key_out flips from 'passed' at 5s to 'failed' at 5.001s")),
                List.of(
                        new SweepPage.Outcome("passed", 2, "#43a047"),
                        new SweepPage.Outcome("failed, \"quoted\" <cause>", 1, "#e53935")),
                List.of(),
                List.of("key_out flips from 'passed' at 5s to 'failed' at 5.001s: 5.0005s ± 500us"));
    }

    private static final List<SweepPage.Cell> CELLS = List.of(
            new SweepPage.Cell(100, 84, 100, 30, 0, "key_out = 1s\npassed"),
            new SweepPage.Cell(200, 84, 100, 30, 0, "key_out = 2s\npassed"),
            new SweepPage.Cell(300, 84, 100, 30, 1, "key_out = 3s\nfailed <x>"));

    private static int count(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }

    @Test
    void thePageDrawsEveryCellDotBoundaryAndOutcomeAndEscapesWhatItQuotes() {
        String html = SweepReport.html(page(CELLS, 150));

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"sweep\"");
        assertThat(count(html, "<rect class=\"cell o\\d")).isEqualTo(3);
        assertThat(count(html, "<circle class=\"dot o\\d")).isEqualTo(1);
        assertThat(count(html, "<g class=\"boundary\">")).isEqualTo(1);
        assertThat(count(html, "<li data-outcome=")).isEqualTo(2);
        assertThat(html).contains(".o1 { fill: #e53935; }", "5.0005s ± 500us", "id=\"details\"");
        assertThat(html).doesNotContain("<script>alert", "<cause>", "<x>").contains("&lt;script&gt;alert(1)");
        assertThat(html).doesNotContain("src=\"http", "href=\"http").contains("data:,"); // nothing fetched
    }

    @Test
    void theSvgIsWellFormedXmlAndStandsAlone() throws Exception {
        String svg = SweepReport.svg(page(CELLS, -1));
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));

        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("style").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(svg).doesNotContain("<circle").contains("&#8593; margin"); // a map: the y axis's title above it
        assertThat(count(svg, "<rect class=\"cell ")).isEqualTo(3);
    }

    @Test
    void aBigMapsSvgJoinsEachRowsNeighboursOfOneOutcome() {
        List<SweepPage.Cell> many = new java.util.ArrayList<>();
        for (int row = 0; row < 40; row++) {
            for (int col = 0; col < 40; col++) {
                many.add(new SweepPage.Cell(100 + col * 10, 84 + row * 3, 10, 3, col < 25 ? 0 : 1, "p"));
            }
        }
        SweepPage page = page(many, -1);
        assertThat(page.joinedCells()).hasSize(80).first().isEqualTo(new SweepPage.Cell(100, 84, 250, 3, 0, "passed"));

        assertThat(count(SweepReport.svg(page), "<rect class=\"cell ")).isEqualTo(80);
        assertThat(count(SweepReport.html(page), "<rect class=\"cell ")).isEqualTo(1600);
    }

    @Test
    void onlyAColourGetsIntoTheStyle() {
        assertThatThrownBy(() -> new SweepPage.Outcome("x", 1, "red;}</style><script>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("#rrggbb");
    }
}
