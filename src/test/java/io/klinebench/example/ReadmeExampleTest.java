package io.klinebench.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klinebench.bench.Bench;
import io.klinebench.bench.BenchResult;
import io.klinebench.bench.BuiltInSequences;
import io.klinebench.bench.Sequence;
import io.klinebench.bench.SequenceLoader;
import io.klinebench.bench.SequenceRunner;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.report.TextReport;
import io.klinebench.time.TimingWindow;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's examples hold: its JUnit example is the consumer project's test line for line
 * (src/it/consumer runs it against the installed library in ./mvnw verify), and its sequences
 * run and pass.
 */
class ReadmeExampleTest {

    @Test
    void aShippedSequenceRunsFromATest() throws Exception {
        BenchResult result = Bench.run("r53-2005-2008-ritual");
        assertThat(result.passed()).isTrue();
        assertThat(result.timeline().windows()).allMatch(TimingWindow::met);

        BenchResult mine = Bench.run(Path.of("bench-config/sequences/r53-2005-2008-ritual.yaml"));
        assertThat(mine.passed()).isTrue();
    }

    @Test
    void anUnknownBuiltInSequenceListsThoseThereAre() {
        assertThatThrownBy(() -> Bench.run("r53-ritual"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sequence 'r53-ritual': no built-in sequence of that name; there are ")
                .hasMessageContaining("r53-2005-2008-ritual");
        assertThat(BuiltInSequences.names()).contains("r53-2005-2008-ritual", "r50-r53-2002-2004-ritual");
    }

    /**
     * The README's JUnit examples run as written in src/it/consumer (a user's project, built by
     * ./mvnw verify against the installed library); here: that they are still written there.
     */
    @Test
    void theReadmeJUnitExampleIsTheConsumerProjectsTestLineForLine() throws Exception {
        assertReadmeBlockIsInConsumerTest("## In a JUnit test", "ReadmeJUnitExampleTest.java");
    }

    @Test
    void theReadmeExtensionExampleIsTheConsumerProjectsTestLineForLine() throws Exception {
        assertReadmeBlockIsInConsumerTest("### With the JUnit 5 extension", "ReadmeExtensionExampleTest.java");
    }

    /** The first java block after {@code heading}: its imports among the file's, its code there line for line. */
    private static void assertReadmeBlockIsInConsumerTest(String heading, String file) throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = Pattern.compile(Pattern.quote(heading) + "\n.*?```java\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(m.find()).as(heading).isTrue();
        List<String> example =
                m.group(1).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<String> consumer =
                Files.readAllLines(Path.of("src/it/consumer/src/test/java/org/example/rig", file)).stream()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .toList();
        List<String> imports =
                example.stream().filter(l -> l.startsWith("import ")).toList();
        List<String> code =
                example.stream().filter(l -> !l.startsWith("import ")).toList();
        assertThat(consumer).containsAll(imports);
        int first = consumer.indexOf(code.get(0));
        assertThat(first).as("the example's first line in the consumer's test").isNotNegative();
        assertThat(consumer.subList(first, Math.min(consumer.size(), first + code.size())))
                .as("the example's code, line for line")
                .isEqualTo(code);
    }

    @Test
    void everySequenceShownInTheReadmeRunsAndHolds() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(readme);
        int blocks = 0;
        while (m.find()) {
            blocks++;
            Sequence seq = new SequenceLoader(ProfileCatalog.builtIn())
                    .read("README.md block " + blocks, new StringReader(m.group(1)));
            BenchResult r = SequenceRunner.run(seq);
            assertThat(r.passed()).as(() -> TextReport.render(r)).isTrue();
        }
        assertThat(blocks).isGreaterThanOrEqualTo(2);
    }
}
