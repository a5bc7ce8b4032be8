package io.klinebench.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads one YAML document into a {@link Node} tree with positions. Syntax errors become
 * {@link ConfigException}s naming the line and column.
 */
public final class YamlReader {

    private static final YAMLFactory FACTORY =
            YAMLFactory.builder().loaderOptions(loaderOptions()).build();

    private YamlReader() {}

    /** Text from a reader is bounded as files are ({@link ConfigText#MAX_BYTES}), by the parser itself. */
    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(ConfigText.MAX_BYTES);
        return o;
    }

    public static Node read(String file, Reader text) throws ConfigException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ConfigException(new Pos(file, 1, 1), "the file is empty");
            }
            Node root = readValue(file, p);
            if (p.nextToken() != null) {
                throw new ConfigException(pos(file, p.currentTokenLocation()), "only one YAML document is expected");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String msg = e.getOriginalMessage() == null ? "not valid YAML" : e.getOriginalMessage();
            // SnakeYAML's messages carry a code excerpt after the first lines; keep the sentence.
            msg = msg.lines()
                    .filter(l -> !l.isBlank())
                    .limit(2)
                    .reduce((a, b) -> a + "; " + b.trim())
                    .orElse(msg);
            throw new ConfigException(loc == null ? new Pos(file, 0, 0) : pos(file, loc), "YAML syntax error: " + msg);
        } catch (IOException e) {
            throw new ConfigException(file, "cannot read: " + e.getMessage());
        }
    }

    private static Node readValue(String file, JsonParser p) throws IOException, ConfigException {
        Pos at = pos(file, p.currentTokenLocation());
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Node> entries = new LinkedHashMap<>();
                Map<String, Pos> keys = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    Pos keyPos = pos(file, p.currentTokenLocation());
                    if (entries.containsKey(name)) {
                        throw new ConfigException(keyPos, "field '" + name + "' appears twice");
                    }
                    p.nextToken();
                    keys.put(name, keyPos);
                    entries.put(name, readValue(file, p));
                }
                return new Node.Mapping(at, entries, keys);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(file, p));
                }
                return new Node.Seq(at, items);
            }
            case VALUE_NULL:
                return new Node.Scalar(at, "");
            default:
                return new Node.Scalar(at, p.getText());
        }
    }

    private static Pos pos(String file, JsonLocation loc) {
        return new Pos(file, loc.getLineNr(), loc.getColumnNr());
    }
}
