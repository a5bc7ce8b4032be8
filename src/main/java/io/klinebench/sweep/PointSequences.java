package io.klinebench.sweep;

import io.klinebench.bench.Sequence;
import io.klinebench.bench.SequenceLoader;
import io.klinebench.bench.SequenceTemplate;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sequence of each point of a sweep. The sequence file is compiled once per profile (once
 * for a sweep without profile axes) into a {@link SequenceTemplate}, which gives each point only
 * its timings; a file the template cannot express (a parameter outside the step timings, a
 * mistake) is loaded in full at each point, as before, and says why at its place. Safe to share
 * between the sweep's threads.
 */
final class PointSequences {

    /** Past this many profiles (a profile axis of many values), a point's template is not kept. */
    private static final int MAX_TEMPLATES = 1024;

    private final Sweep sweep;
    private final Map<Map<String, String>, Optional<SequenceTemplate>> templates = new ConcurrentHashMap<>();

    PointSequences(Sweep sweep) {
        this.sweep = sweep;
    }

    /** The sequence with {@code parameters}, on the profile with {@code profileValues} at their paths. */
    Sequence load(Map<String, String> parameters, Map<String, String> profileValues) throws ConfigException {
        ProfileCatalog catalog = sweep.profiles().overriding(profileValues);
        Optional<SequenceTemplate> template = template(profileValues, catalog);
        return template.isPresent()
                ? template.get().instantiate(parameters)
                : new SequenceLoader(catalog).read(sweep.template(), parameters);
    }

    private Optional<SequenceTemplate> template(Map<String, String> profileValues, ProfileCatalog catalog) {
        Optional<SequenceTemplate> known = templates.get(profileValues);
        if (known != null) {
            return known;
        }
        if (templates.size() >= MAX_TEMPLATES) {
            return Optional.empty(); // compiling for one point would cost what loading it does
        }
        return templates.computeIfAbsent(
                Map.copyOf(profileValues), v -> SequenceTemplate.compile(sweep.template(), catalog));
    }
}
