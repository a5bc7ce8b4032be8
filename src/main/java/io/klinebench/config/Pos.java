package io.klinebench.config;

/** A place in a configuration file, for error messages: "sequences/x.yaml:12:7". */
public record Pos(String file, int line, int column) {

    /** The line and column (in characters, from 1) of byte {@code offset} of UTF-8 text. */
    public static Pos atByte(String file, byte[] utf8, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset; i++) {
            if (utf8[i] == '\n') {
                line++;
                column = 1;
            } else if ((utf8[i] & 0xC0) != 0x80) { // not a UTF-8 continuation byte: a new character
                column++;
            }
        }
        return new Pos(file, line, column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
