package io.klinebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Jackson's problems with a user's JSON, said in words at their place, without its source excerpt or Java names. */
class JsonProblemTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String problem(String text) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class, () -> {
            try (JsonParser p = JSON.createParser(text)) {
                p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
                JSON.readTree(p);
            }
        });
        return JsonProblem.in("f.json", e).getMessage();
    }

    @Test
    void eachProblemInWords() {
        assertThat(problem("{\"a\": [1, 2"))
                .isEqualTo("f.json:1:12: not valid JSON: the text ends inside a list that starts at 1:7 (cut short?)");
        assertThat(problem("{\"a\": {\"b\": 1"))
                .isEqualTo("f.json:1:14: not valid JSON: the text ends inside an object that starts at 1:7 (cut"
                        + " short?)");
        assertThat(problem("{\"a\": \"x"))
                .isEqualTo("f.json:1:9: not valid JSON: the text ends inside a quoted text" + " (cut short?)");
        assertThat(problem("{\"a\": 1, \"b"))
                .isEqualTo("f.json:1:12: not valid JSON: the text ends inside a field's" + " name (cut short?)");
        assertThat(problem("{\"a\": [1, "))
                .isEqualTo("f.json:1:11: not valid JSON: the text ends inside a list (cut" + " short?)");
        assertThat(problem("{\"a\" 1}"))
                .isEqualTo("f.json:1:6: not valid JSON: found '1' where a ':' should follow a" + " field's name");
        assertThat(problem("{\"a\": 1,}"))
                .isEqualTo(
                        "f.json:1:9: not valid JSON: found '}' where a field's name in" + " double quotes should be");
        assertThat(problem("[1,,2]")).isEqualTo("f.json:1:4: not valid JSON: found ',' where a value should be");
        assertThat(problem("{\"a\":1, \"a\":2}")).isEqualTo("f.json:1:12: not valid JSON: field 'a' is given twice");
        assertThat(problem("{\"a\": NaN}")).startsWith("f.json:1:10: not valid JSON: 'NaN' is not a JSON value");
        assertThat(problem("{\"a\": \"\\q\"}"))
                .isEqualTo("f.json:1:9: not valid JSON: '\\q' is not an escape JSON" + " knows");
        assertThat(problem("{\"a\": 01}"))
                .isEqualTo("f.json:1:8: not valid JSON: Invalid numeric value: Leading" + " zeroes not allowed");
    }
}
