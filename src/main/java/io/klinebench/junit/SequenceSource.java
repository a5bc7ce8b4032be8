package io.klinebench.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Sequences as the cases of a {@code @ParameterizedTest}: one {@link SequenceCase} per built-in
 * sequence, sequence file and file in a folder, and per seed when seeds are given (each case
 * then draws its steps' jitter from that seed instead of the file's):
 *
 * <pre>{@code
 * @ParameterizedTest
 * @SequenceSource(folder = "src/test/resources/rituals", seeds = {1, 2, 3})
 * void everyRitualTeachesTheRemote(SequenceCase ritual) throws Exception {
 *     assertThatRun(ritual.run()).passed();
 * }
 * }</pre>
 *
 * A file's profiles come from a "profiles" folder beside it, else the built-in ones; a file or
 * folder that does not exist, or a folder with no sequence, fails the test with its path.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ArgumentsSource(SequenceCases.class)
@ExtendWith(KlineBenchExtension.class)
public @interface SequenceSource {

    /** Built-in sequences by name ("r53-2005-2008-ritual"); "*" for all of them. */
    String[] value() default {};

    /** Sequence files by path. */
    String[] files() default {};

    /** A folder whose *.yaml files are sequences, in name order. */
    String folder() default "";

    /** Seeds for the steps' jitter: each sequence once per seed; none: once, with its own seed. */
    long[] seeds() default {};
}
