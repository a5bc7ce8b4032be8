package io.klinebench.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named parameters in the scalar values of a YAML tree: {@code ${key_out}} or {@code
 * ${key_out:1s}} (with a default, so that the file still runs alone). A sweep gives values
 * for them; every other use takes its default. Substituted in the tree, not in the text, so
 * that every value keeps its line and column for the messages that come after.
 */
public final class Parameters {

    /** {@code ${name}} or {@code ${name:default}}; a name is a word ("key_out", "run-time"). */
    private static final Pattern USE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_-]*)(?::([^}]*))?}");

    private Parameters() {}

    /** One parameter as a file uses it first: where, and its default (null when it has none). */
    public record Use(String name, Pos pos, String defaultText) {}

    /** Every parameter {@code root} uses, by name, in the order of first use. */
    public static Map<String, Use> uses(Node root) {
        Map<String, Use> out = new LinkedHashMap<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node n, Map<String, Use> out) {
        if (n instanceof Node.Scalar s) {
            Matcher m = USE.matcher(s.text());
            while (m.find()) {
                Use u = new Use(m.group(1), s.pos(), m.group(2));
                Use first = out.get(u.name());
                if (first == null || first.defaultText() == null && u.defaultText() != null) {
                    out.put(u.name(), first == null ? u : new Use(u.name(), first.pos(), u.defaultText()));
                }
            }
        } else if (n instanceof Node.Seq q) {
            q.items().forEach(i -> collect(i, out));
        } else if (n instanceof Node.Mapping m) {
            m.entries().values().forEach(v -> collect(v, out));
        }
    }

    /**
     * {@code root} with every parameter replaced by its value in {@code values}, or else by its
     * default; the tree itself when it uses none.
     *
     * @throws ConfigException at the value that uses a parameter with neither
     */
    public static Node substitute(Node root, Map<String, String> values) throws ConfigException {
        if (root instanceof Node.Scalar s) {
            if (s.text().indexOf("${") < 0) {
                return s;
            }
            Matcher m = USE.matcher(s.text());
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String v = values.get(m.group(1));
                if (v == null) {
                    v = m.group(2);
                }
                if (v == null) {
                    throw new ConfigException(
                            s.pos(),
                            "parameter '" + m.group(1) + "' has no value: give it a default (${" + m.group(1)
                                    + ":VALUE}) or a value from a sweep");
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(v.strip()));
            }
            m.appendTail(sb);
            return new Node.Scalar(s.pos(), sb.toString());
        }
        if (root instanceof Node.Seq q) {
            List<Node> items = new ArrayList<>(q.items().size());
            for (Node i : q.items()) {
                items.add(substitute(i, values));
            }
            return new Node.Seq(q.pos(), items);
        }
        Node.Mapping m = (Node.Mapping) root;
        Map<String, Node> entries = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : m.entries().entrySet()) {
            entries.put(e.getKey(), substitute(e.getValue(), values));
        }
        return new Node.Mapping(m.pos(), entries, m.keyPos());
    }

    /** The scalar at the dotted {@code path} ("cycles.max-run-time") of {@code root}; null when there is none. */
    public static Node.Scalar scalarAt(Node root, String path) {
        Node n = root;
        for (String key : path.split("\\.", -1)) {
            if (!(n instanceof Node.Mapping m) || !m.has(key)) {
                return null;
            }
            n = m.get(key);
        }
        return n instanceof Node.Scalar s ? s : null;
    }

    /**
     * {@code root} with the scalar at the dotted {@code path} ("cycles.max-run-time") replaced
     * by {@code text}, keeping its position; null when there is no scalar at that path.
     */
    public static Node replaceAt(Node root, String path, String text) {
        return replaceAt(root, List.of(path.split("\\.", -1)), text);
    }

    private static Node replaceAt(Node n, List<String> path, String text) {
        if (path.isEmpty()) {
            return n instanceof Node.Scalar s ? new Node.Scalar(s.pos(), text) : null;
        }
        if (!(n instanceof Node.Mapping m) || !m.has(path.get(0))) {
            return null;
        }
        Node inner = replaceAt(m.get(path.get(0)), path.subList(1, path.size()), text);
        if (inner == null) {
            return null;
        }
        Map<String, Node> entries = new LinkedHashMap<>(m.entries());
        entries.put(path.get(0), inner);
        return new Node.Mapping(m.pos(), entries, m.keyPos());
    }
}
