package io.klinebench.cli;

import io.klinebench.report.HtmlReport;
import io.klinebench.report.SweepReport;
import io.klinebench.sweep.PictureSink;
import io.klinebench.sweep.Sweep;
import io.klinebench.sweep.SweepSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --html} and {@code --svg} of 'sweep' and 'sweep-merge': the sweep's picture, checked before the sweep runs. */
final class PictureOptions {

    @Option(
            names = "--html",
            paramLabel = "OUT",
            description = "Write the sweep's picture as one self-contained HTML page: a 1-D sweep's verdict and "
                    + "tightest margin against its axis, a 2-D sweep's map of outcomes, the boundaries marked; "
                    + "hover for a point's values, verdict and cause. One or two axes.")
    Path html;

    @Option(
            names = "--svg",
            paramLabel = "OUT",
            description = "Write the same picture as a standalone SVG file (a Markdown page on GitHub shows it).")
    Path svg;

    private PictureSink sink;

    boolean wanted() {
        return html != null || svg != null;
    }

    /** Why the picture cannot be written, in words, or empty. */
    Optional<String> unwritable() {
        return UserPaths.unwritable("--html", html).or(() -> UserPaths.unwritable("--svg", svg));
    }

    /**
     * The sink that draws {@code sweep}, or none when no picture is asked for.
     *
     * @throws IllegalArgumentException when the sweep cannot be drawn (more than two axes), saying why
     */
    Optional<SweepSink> sink(Sweep sweep) {
        if (!wanted()) {
            return Optional.empty();
        }
        sink = new PictureSink(sweep);
        return Optional.of(sink);
    }

    /** Writes the picture of the sweep that ran through {@link #sink}, each file atomically. */
    void write() throws IOException {
        if (sink == null) {
            return;
        }
        if (html != null) {
            HtmlReport.write(html, SweepReport.html(sink.page()));
        }
        if (svg != null) {
            HtmlReport.write(svg, SweepReport.svg(sink.page()));
        }
    }
}
