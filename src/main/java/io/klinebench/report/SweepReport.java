package io.klinebench.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A sweep's picture ({@link SweepPage}) as one self-contained HTML page in the report's style
 * (its style and a small script inline, nothing fetched), and as a standalone SVG file, the
 * same drawing, which a Markdown page can show (GitHub draws an .svg; its hover texts work
 * when the file is opened in a browser). Templates: {@code src/main/jte/sweep.jte} and
 * {@code sweepsvg.jte}, compiled at build time; jte escapes every value.
 */
public final class SweepReport {

    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(
            null, ContentType.Html, SweepReport.class.getClassLoader(), "io.klinebench.report");

    private static final String PAGE_CSS = resource("timeline.css") + resource("sweep.css");
    private static final String SVG_CSS = resource("sweep-svg.css");
    private static final String SCRIPT = resource("sweep.js");

    /** The most cells a standalone SVG draws one by one, each with its hover text. */
    public static final int MAX_TITLED_CELLS = 1_000;

    private SweepReport() {}

    /** The HTML page. */
    public static String html(SweepPage page) {
        StringOutput out = new StringOutput(64 * 1024);
        TEMPLATES.render(
                "sweep.jte", Map.of("page", page, "css", PAGE_CSS, "svgStyle", style(page), "script", SCRIPT), out);
        return out.toString();
    }

    /**
     * The drawing alone, an SVG document. A map of more than {@link #MAX_TITLED_CELLS} cells
     * is drawn with each row's neighbours of one outcome joined (the file stays small enough
     * to commit and to show); the HTML page has every point's hover text.
     */
    public static String svg(SweepPage page) {
        StringOutput out = new StringOutput(64 * 1024);
        out.writeContent("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        boolean joined = page.cells().size() > MAX_TITLED_CELLS;
        TEMPLATES.render("sweepsvg.jte", Map.of("page", page, "style", style(page), "joined", joined), out);
        return out.toString();
    }

    /** The drawing's style: the fixed rules, then one fill per outcome ({@code .o0}, {@code .o1}...). */
    static String style(SweepPage page) {
        StringBuilder sb = new StringBuilder(SVG_CSS);
        for (int i = 0; i < page.legend().size(); i++) {
            sb.append(".o")
                    .append(i)
                    .append(" { fill: ")
                    .append(page.legend().get(i).colour())
                    .append("; }\n");
        }
        return sb.toString();
    }

    private static String resource(String name) {
        try (InputStream in = SweepReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks io/klinebench/report/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
