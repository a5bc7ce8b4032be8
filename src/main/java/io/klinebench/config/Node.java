package io.klinebench.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A YAML document as a tree that remembers where each value stood, so that a mistake found
 * while interpreting it (an unknown action, a profile that does not exist) can be reported
 * at its line and column. Jackson parses the text; {@link YamlReader} builds these.
 */
public sealed interface Node {

    Pos pos();

    /** What this node is, for "expected a map, found a list". */
    String kind();

    record Scalar(Pos pos, String text) implements Node {
        @Override
        public String kind() {
            return "'" + text + "'";
        }
    }

    record Seq(Pos pos, List<Node> items) implements Node {
        public Seq {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A mapping; keys keep their order and their own positions. */
    record Mapping(Pos pos, Map<String, Node> entries, Map<String, Pos> keyPos) implements Node {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyPos = Collections.unmodifiableMap(new LinkedHashMap<>(keyPos));
        }

        @Override
        public String kind() {
            return "a map";
        }

        /** Fails on the first key that is not one of {@code allowed}, listing those. */
        public Mapping onlyKeys(Set<String> allowed, String what) throws ConfigException {
            for (Map.Entry<String, Pos> k : keyPos.entrySet()) {
                if (!allowed.contains(k.getKey())) {
                    throw new ConfigException(
                            k.getValue(),
                            "unknown field '" + k.getKey() + "' in " + what + "; expected one of: "
                                    + String.join(", ", new TreeSet<>(allowed)));
                }
            }
            return this;
        }

        public boolean has(String key) {
            return entries.containsKey(key);
        }

        public Node get(String key) {
            return entries.get(key);
        }

        public Node require(String key, String what) throws ConfigException {
            Node n = entries.get(key);
            if (n == null) {
                throw new ConfigException(pos, what + " needs a field '" + key + "'");
            }
            return n;
        }
    }
}
