package io.klinebench.config;

/**
 * A configuration file says something we cannot use. The message names the file, line and
 * column, what was found and what was expected; it is meant for the user as it is.
 */
public final class ConfigException extends Exception {

    private final transient Pos pos;

    public ConfigException(Pos pos, String message) {
        super(pos + ": " + message);
        this.pos = pos;
    }

    public ConfigException(String file, String message) {
        super(file + ": " + message);
        this.pos = new Pos(file, 0, 0);
    }

    public Pos pos() {
        return pos;
    }
}
