package io.klinebench.sweep;

import io.klinebench.bench.SequenceLoader;
import io.klinebench.bench.SequenceRunner;
import io.klinebench.bench.SequenceTemplate;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sequence of each point of a sweep. The sequence file is compiled once per profile (once
 * for a sweep without profile axes) into a {@link SequenceTemplate}, which gives each point only
 * its timings; a file the template cannot express (a parameter outside the step timings, a
 * mistake) is loaded in full at each point, as before, and says why at its place. Safe to share
 * between the sweep's threads: each thread compiles its own templates (a template keeps the
 * timings it has read, unlocked).
 */
final class PointSequences {

    /** Past this many profiles in one thread (a profile axis of many values), a point's template is not kept. */
    private static final int MAX_TEMPLATES = 1024;

    private final Sweep sweep;
    /** Each thread's templates, by the values on the profile axes; empty where the file cannot be templated. */
    private final ThreadLocal<Map<Map<String, String>, Optional<SequenceTemplate>>> templates =
            ThreadLocal.withInitial(HashMap::new);

    PointSequences(Sweep sweep) {
        this.sweep = sweep;
    }

    /**
     * The sequence with {@code parameters}, on the profile with {@code profileValues} at their
     * paths, run and judged (from its template when the file has one).
     */
    SequenceRunner.Judged runAndJudge(Map<String, String> parameters, Map<String, String> profileValues)
            throws ConfigException {
        Map<Map<String, String>, Optional<SequenceTemplate>> mine = templates.get();
        Optional<SequenceTemplate> known = mine.get(profileValues);
        if (known != null && known.isPresent()) {
            return known.get().runAndJudge(parameters); // its catalog was made when it was compiled
        }
        ProfileCatalog catalog = sweep.profiles().overriding(profileValues);
        Optional<SequenceTemplate> template = known != null ? known : template(mine, profileValues, catalog);
        return template.isPresent()
                ? template.get().runAndJudge(parameters)
                : SequenceRunner.runAndJudge(new SequenceLoader(catalog).read(sweep.template(), parameters));
    }

    private Optional<SequenceTemplate> template(
            Map<Map<String, String>, Optional<SequenceTemplate>> mine,
            Map<String, String> profileValues,
            ProfileCatalog catalog) {
        if (mine.size() >= MAX_TEMPLATES) {
            return Optional.empty(); // compiling for one point would cost what loading it does
        }
        Optional<SequenceTemplate> compiled = SequenceTemplate.compile(sweep.template(), catalog);
        mine.put(Map.copyOf(profileValues), compiled);
        return compiled;
    }
}
