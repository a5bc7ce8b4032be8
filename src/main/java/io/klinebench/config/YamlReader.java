package io.klinebench.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML document into a {@link Node} tree with positions. Syntax errors become
 * {@link ConfigException}s naming the line and column.
 */
public final class YamlReader {

    private static final YAMLFactory FACTORY =
            YAMLFactory.builder().loaderOptions(loaderOptions()).build();

    /** SnakeYAML's mark line after each sentence of its message: " in 'reader', line 6, column 5:". */
    private static final Pattern MARK = Pattern.compile("\\s*in '[^']*', line (\\d+), column (\\d+):?\\s*");

    /** SnakeYAML's contexts: "while parsing a flow mapping", "while scanning a quoted scalar". */
    private static final Pattern CONTEXT = Pattern.compile("while (?:parsing|scanning) an? (.+)");

    /**
     * How deep lists and maps may nest: the shipped files need six levels; the bound keeps a
     * machine-made file from reaching Jackson's own (1000), which says neither where nor why.
     */
    static final int MAX_DEPTH = 100;

    private YamlReader() {}

    /** The text as the parser reads it, noting whether anything but white space went by (a comment). */
    private static final class SeesText extends FilterReader {
        boolean any;

        SeesText(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            any |= c >= 0 && !Character.isWhitespace(c);
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            for (int i = off; i < off + n && !any; i++) {
                any = !Character.isWhitespace(buf[i]);
            }
            return n;
        }
    }

    /** Text from a reader is bounded as files are ({@link ConfigText#MAX_BYTES}), by the parser itself. */
    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(ConfigText.MAX_BYTES);
        return o;
    }

    public static Node read(String file, Reader text) throws ConfigException {
        SeesText seen = new SeesText(text);
        try (JsonParser p = FACTORY.createParser(seen)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ConfigException(
                        new Pos(file, 1, 1),
                        seen.any
                                ? "the file holds no YAML document, only comments and blank lines"
                                : "the file is empty");
            }
            Node root = readValue(file, p, 1);
            if (p.nextToken() != null) {
                throw new ConfigException(pos(file, p.currentTokenLocation()), "only one YAML document is expected");
            }
            return root;
        } catch (JsonProcessingException e) {
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (original.startsWith("Expected a field name")) {
                // SnakeYAML's event for a '? [a, b]' key, as Jackson names it, meant nothing to a reader
                throw new ConfigException(
                        e.getLocation() == null ? new Pos(file, 0, 0) : pos(file, e.getLocation()),
                        "a key must be a word or a quoted text, not a list or a map (a '? ...' complex key)");
            }
            MarkedYAMLException marked = marked(e);
            if (marked != null && marked.getProblemMark() != null) {
                throw new ConfigException(
                        at(file, marked.getProblemMark()), "YAML syntax error: " + cause(file, marked));
            }
            JsonLocation loc = e.getLocation();
            String msg = e.getOriginalMessage() == null ? "not valid YAML" : sentences(e.getOriginalMessage());
            throw new ConfigException(loc == null ? new Pos(file, 0, 0) : pos(file, loc), "YAML syntax error: " + msg);
        } catch (IOException e) {
            throw new ConfigException(file, "cannot read: " + e.getMessage());
        }
    }

    /**
     * The sentences of a SnakeYAML message, without its marks and code excerpts: "while parsing
     * a flow mapping from line 6, column 5; expected ',' or '}', but got &lt;block sequence
     * start&gt;". Each sentence starts a line; a mark (" in 'reader', line 6, column 5:") and an
     * excerpt follow it, indented. The last sentence's place is the error's position; an
     * earlier one's (where the flow mapping began) is said in words.
     */
    static String sentences(String message) {
        List<String> sentences = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        for (String line : message.lines().toList()) {
            Matcher m = MARK.matcher(line);
            if (m.matches() && !sentences.isEmpty() && marks.size() < sentences.size()) {
                marks.add(" from line " + m.group(1) + ", column " + m.group(2));
            } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                while (marks.size() < sentences.size()) {
                    marks.add("");
                }
                sentences.add(line.strip());
            }
        }
        if (sentences.isEmpty()) {
            return message.strip().lines().findFirst().orElse("not valid YAML");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sentences.size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(sentences.get(i));
            if (i < sentences.size() - 1 && i < marks.size()) {
                sb.append(marks.get(i));
            }
        }
        return sb.toString();
    }

    private static Node readValue(String file, JsonParser p, int depth) throws IOException, ConfigException {
        Pos at = pos(file, p.currentTokenLocation());
        JsonToken t = p.currentToken();
        if (depth > MAX_DEPTH) {
            throw new ConfigException(
                    at,
                    "lists and maps nested more than " + MAX_DEPTH
                            + " deep; a configuration file needs a few levels, not this many");
        }
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            // Refused rather than resolved: aliases of aliases multiply (a few lines can stand for
            // billions of values), and every use would carry the anchor's line, not its own.
            throw new ConfigException(
                    at,
                    "'*" + p.getText() + "' is a YAML alias, and aliases are not supported: write the value of &"
                            + p.getText() + " out in full here");
        }
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
                    entries.put(name, readValue(file, p, depth + 1));
                }
                return new Node.Mapping(at, entries, keys);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(file, p, depth + 1));
                }
                return new Node.Seq(at, items);
            }
            case VALUE_NULL:
                return new Node.Scalar(at, "");
            default:
                return new Node.Scalar(at, p.getText());
        }
    }

    /** SnakeYAML's own exception under Jackson's wrapper: it keeps the problem and its place apart. */
    private static MarkedYAMLException marked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m) {
                return m;
            }
        }
        return null;
    }

    /**
     * The parser's problem, then what it was reading and where that began: "expected ',' or
     * '}', but got ':', in the flow mapping that starts at 7:33". Jackson's message has the
     * context first and cuts the problem off; its location is where the scanner stood, which
     * for a tab is the end of the line before.
     */
    private static String cause(String file, MarkedYAMLException m) {
        String problem =
                m.getProblem() == null ? "not valid YAML" : m.getProblem().strip();
        if (problem.contains("\\t(TAB)")) {
            return "a tab where YAML expects spaces; indent with spaces, not tabs";
        }
        // "but got :" ends on a bare token; quoted, it reads as the character it is.
        problem = problem.replaceFirst("but got (\\S+)$", "but got '$1'");
        String context = m.getContext() == null ? "" : m.getContext().strip();
        Matcher what = CONTEXT.matcher(context);
        if (m.getContextMark() != null && what.matches()) {
            Pos from = at(file, m.getContextMark());
            return problem + ", in the " + what.group(1) + " that starts at " + from.line() + ":" + from.column();
        }
        return problem;
    }

    private static Pos at(String file, Mark mark) {
        return new Pos(file, mark.getLine() + 1, mark.getColumn() + 1); // SnakeYAML counts from 0
    }

    private static Pos pos(String file, JsonLocation loc) {
        return new Pos(file, loc.getLineNr(), loc.getColumnNr());
    }
}
