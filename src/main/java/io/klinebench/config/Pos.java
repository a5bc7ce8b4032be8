package io.klinebench.config;

/** A place in a configuration file, for error messages: "sequences/x.yaml:12:7". */
public record Pos(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
