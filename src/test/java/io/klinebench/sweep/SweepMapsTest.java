package io.klinebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.report.SweepReport;
import io.klinebench.testsupport.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pictures committed in firmware-notes/maps are what the shipped sweeps draw now: each
 * sweep in bench-config/sweeps is loaded and run whole, and its SVG compared byte for byte
 * with firmware-notes/maps/NAME.svg, as {@code kline-bench sweep bench-config/sweeps/NAME.yaml
 * --svg firmware-notes/maps/NAME.svg} writes it. With {@code -Dgolden.update=true} the files
 * are rewritten instead (then read the diff).
 */
class SweepMapsTest {

    static final Path MAPS = Path.of("firmware-notes/maps");

    static Stream<Path> shippedSweeps() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("bench-config/sweeps"))) {
            // As the command line names them, relative: the path is the picture's title.
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedSweeps")
    void theCommittedPictureIsWhatTheSweepDrawsNow(Path file) throws Exception {
        Sweep sweep = SweepLoader.load(file, List.of());
        PictureSink sink = new PictureSink(sweep);
        new Sweeper(sweep, 2).run(Shard.WHOLE, sink, PointProgress.NONE);
        String svg = SweepReport.svg(sink.page());
        String name = file.getFileName().toString().replace(".yaml", ".svg");
        Path committed = MAPS.resolve(name);
        if (Golden.updating()) {
            Files.createDirectories(MAPS);
            Files.writeString(committed, svg, StandardCharsets.UTF_8);
            return;
        }
        assertThat(committed)
                .as("no picture for " + file + "; write it with: java -jar target/kline-bench.jar sweep " + file
                        + " --svg " + committed)
                .exists();
        String now = Files.readString(committed, StandardCharsets.UTF_8);
        if (!now.equals(svg)) {
            throw new AssertionError(committed + " is not what " + file + " draws now (- committed, + now); "
                    + "rewrite it with: java -jar target/kline-bench.jar sweep " + file + " --svg " + committed
                    + "\n  (or " + Golden.howToUpdate().replace("Golden*", "SweepMapsTest") + ")\n"
                    + Golden.diff(now, svg));
        }
    }

    @ParameterizedTest
    @MethodSource("shippedSweeps")
    void theModelYearsNotesShowThePictureAndTheCommandThatDrawsIt(Path file) throws Exception {
        String name = file.getFileName().toString().replace(".yaml", "");
        // the model year is the name's start: r50-r53-2002-2004, r53-2005-2008, r56-2007-2013
        String year = name.replaceAll("^(r5\\d(-r5\\d)?-\\d{4}-\\d{4})-.+$", "$1");
        Path notes = Path.of("firmware-notes", (year.startsWith("r53-") ? "r50-" : "") + year + ".md");
        assertThat(notes).exists();
        assertThat(Files.readString(notes))
                .contains("](maps/" + name + ".svg)")
                .contains("sweep bench-config/sweeps/" + name + ".yaml --svg firmware-notes/maps/" + name + ".svg");
    }
}
