package io.klinebench.config;

import io.klinebench.car.Profile;
import io.klinebench.protocol.DiagnosticProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Where profiles come from: directories the user names first (bench-config/profiles of a
 * checkout, say), then the profiles built into the jar. A profile is found by its name,
 * which is its file name without ".yaml".
 */
public final class ProfileCatalog {

    /** Where the built-in profiles sit on the classpath. */
    public static final String BUILT_IN = "/bench-config/profiles/";

    private final List<Path> dirs;
    /** Dotted paths to values that replace the files' ("cycles.max-run-time" to "6s"); null: read as written. */
    private final Map<String, String> overrides;
    /** Profiles' YAML trees read so far, shared by every catalog {@link #overriding} made: a sweep reads each file once. */
    private final Map<String, Node> trees;
    /**
     * Profiles (and diagnostics) already built from their trees, by name and overrides (none,
     * or a sweep's), shared like {@link #trees}: the points of a sweep mostly repeat a few profile
     * values, and building one (the identification's encoding above all) is a quarter of a
     * point's load. Both are immutable records, safe to share between threads.
     */
    private final Map<String, Object> built;

    /** Past this many entries nothing more is kept in {@link #built}: a profile axis of a million values is built each time. */
    private static final int MAX_BUILT = 4096;

    private ProfileCatalog(List<Path> dirs) {
        this(dirs, null, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    private ProfileCatalog(
            List<Path> dirs, Map<String, String> overrides, Map<String, Node> trees, Map<String, Object> built) {
        this.dirs = List.copyOf(dirs);
        this.overrides = overrides == null ? null : Map.copyOf(overrides);
        this.trees = trees;
        this.built = built;
    }

    /**
     * This catalog with the values at dotted paths replaced in every profile it loads (a sweep's
     * profile axes); each file is read once, by this catalog and every one made from it.
     */
    public ProfileCatalog overriding(Map<String, String> values) {
        return new ProfileCatalog(dirs, values, trees, built);
    }

    /** The YAML tree of profile {@code name}, read once. */
    public Node tree(String name) throws ConfigException {
        Node t = trees.get(name);
        if (t == null) {
            t = readTree(name);
            trees.put(name, t);
        }
        return t;
    }

    private Node readTree(String name) throws ConfigException {
        for (Path dir : dirs) {
            Path file = dir.resolve(name + ".yaml");
            if (Files.isRegularFile(file)) {
                return YamlReader.read(file.toString(), new StringReader(ConfigText.read(file)));
            }
        }
        URL url = ProfileCatalog.class.getResource(BUILT_IN + name + ".yaml");
        if (url == null || name.contains("/")) {
            throw new ConfigException(
                    "profile '" + name + "'", "no such profile; known profiles: " + String.join(", ", names()));
        }
        try (InputStream in = url.openStream();
                Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return YamlReader.read("built-in profiles/" + name + ".yaml", r);
        } catch (IOException e) {
            throw new ConfigException("built-in profile " + name, "cannot read: " + e.getMessage());
        }
    }

    private void keep(String key, Object value) {
        if (built.size() < MAX_BUILT) {
            built.put(key, value);
        }
    }

    /** The tree of {@code name} with the overrides in place (as read, without). */
    private Node overridden(String name) throws ConfigException {
        Node t = tree(name);
        if (overrides == null) {
            return t;
        }
        for (Map.Entry<String, String> o : new TreeMap<>(overrides).entrySet()) {
            Node changed = Parameters.replaceAt(t, o.getKey(), o.getValue());
            if (changed == null) {
                throw new ConfigException("profile '" + name + "'", "has no value at '" + o.getKey() + "'");
            }
            t = changed;
        }
        return t;
    }

    /** Only the profiles inside the jar. */
    public static ProfileCatalog builtIn() {
        return new ProfileCatalog(List.of());
    }

    /**
     * Checks folders a user named ({@code option}, e.g. --profiles): each must be a directory.
     * {@link #searching} passes over a folder that is not there, which is right for the
     * optional folder beside a sequence, but a named one that is missing would quietly judge
     * by the built-in profile of the same name.
     *
     * @throws ConfigException naming the option, the folder and what is wrong with it
     */
    public static void requireDirectories(List<Path> dirs, String option) throws ConfigException {
        for (Path d : dirs) {
            if (!Files.exists(d)) {
                throw new ConfigException(option + " " + d, "no such directory");
            }
            if (!Files.isDirectory(d)) {
                throw new ConfigException(option + " " + d, "not a directory");
            }
            if (!Files.isReadable(d)) {
                throw new ConfigException(option + " " + d, "cannot read it (permission denied)");
            }
        }
    }

    /** {@code dirs} first, in order, then the built-in profiles; a folder that is not there is passed over. */
    public static ProfileCatalog searching(List<Path> dirs) {
        return new ProfileCatalog(dirs.stream().filter(Files::isDirectory).toList());
    }

    /** Profile {@code name}, with the overrides in place; built once per name and overrides. */
    public Profile load(String name) throws ConfigException {
        String key = "profile " + name + " " + overridesKey();
        Object p = built.get(key);
        if (p == null) {
            p = ProfileLoader.read(overridden(name), name);
            keep(key, p);
        }
        return (Profile) p;
    }

    /** The diagnostics section of profile {@code name}, with the overrides in place; built once likewise. */
    public DiagnosticProfile loadDiagnostics(String name) throws ConfigException {
        String key = "diagnostics " + name + " " + overridesKey();
        Object d = built.get(key);
        if (d == null) {
            d = DiagnosticsLoader.read(overridden(name));
            keep(key, d);
        }
        return (DiagnosticProfile) d;
    }

    private String overridesKey() {
        return overrides == null ? "{}" : new TreeMap<>(overrides).toString();
    }

    /** Reads one profile file; its name must match the file name. */
    public static Profile loadFile(Path file) throws ConfigException {
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".yaml") ? fileName.substring(0, fileName.length() - 5) : fileName;
        return ProfileLoader.read(file.toString(), new StringReader(ConfigText.read(file)), name);
    }

    /** Every profile name reachable, sorted. */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        for (Path dir : dirs) {
            names.addAll(yamlNames(dir));
        }
        names.addAll(builtInNames());
        return new ArrayList<>(names);
    }

    /** Every profile, loaded. */
    public List<Profile> all() throws ConfigException {
        List<Profile> out = new ArrayList<>();
        for (String n : names()) {
            out.add(load(n));
        }
        return out;
    }

    private static List<String> builtInNames() {
        return builtInYamlNames(BUILT_IN);
    }

    /** The names of the .yaml files in a classpath folder, inside a jar or not. */
    public static List<String> builtInYamlNames(String folder) {
        URL url = ProfileCatalog.class.getResource(folder);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs = jarFileSystem(uri);
                return yamlNames(fs.getPath(folder));
            }
            return yamlNames(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            return List.of();
        }
    }

    private static FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
            return FileSystems.newFileSystem(uri, Map.of());
        }
    }

    private static List<String> yamlNames(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml"))
                    .map(f -> f.substring(0, f.length() - 5))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The directory a user's sequence file implies: its sibling "profiles" folder, if any. */
    public static Optional<Path> besideSequence(Path sequenceFile) {
        Path parent = sequenceFile.toAbsolutePath().getParent();
        if (parent == null || parent.getParent() == null) {
            return Optional.empty();
        }
        Path dir = parent.getParent().resolve("profiles");
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }
}
