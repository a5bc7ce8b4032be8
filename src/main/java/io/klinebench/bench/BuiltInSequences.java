package io.klinebench.bench;

import io.klinebench.config.ConfigException;
import io.klinebench.config.IoCause;
import io.klinebench.config.Node;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.config.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The sequences that travel inside the jar (bench-config/sequences), by name: what {@code
 * kline-bench run NAME} and {@link Bench#run(String)} run, from this project or from a user's.
 */
public final class BuiltInSequences {

    private static final String FOLDER = "/bench-config/sequences/";

    private BuiltInSequences() {}

    /** Every built-in sequence's name, sorted ("r53-2005-2008-ritual", ...). */
    public static List<String> names() {
        return ProfileCatalog.builtInYamlNames(FOLDER);
    }

    /**
     * Reads the built-in sequence {@code name}; its profile comes from {@code profiles}.
     *
     * @throws ConfigException when there is no such sequence (the message lists those there are)
     */
    public static Sequence load(String name, ProfileCatalog profiles) throws ConfigException {
        return load(name, new SequenceLoader(profiles));
    }

    /** Reads the built-in sequence {@code name} with {@code loader} (its profiles, its seed). */
    public static Sequence load(String name, SequenceLoader loader) throws ConfigException {
        return loader.read(tree(name), java.util.Map.of());
    }

    /** The YAML tree of the built-in sequence {@code name}, its parameters not substituted (a sweep's template). */
    public static Node tree(String name) throws ConfigException {
        InputStream in =
                name.contains("/") ? null : BuiltInSequences.class.getResourceAsStream(FOLDER + name + ".yaml");
        if (in == null) {
            throw new ConfigException(
                    "sequence '" + name + "'",
                    "no built-in sequence of that name; there are " + String.join(", ", names()));
        }
        try (in) {
            return YamlReader.read(
                    "built-in sequences/" + name + ".yaml", new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("built-in sequence " + name, "cannot read: " + IoCause.of(e));
        }
    }
}
