package io.klinebench.kline;

import java.util.Objects;

/**
 * A handler's refusal: thrown with the reason, caught in one place per personality and turned
 * into {@code 7F SID NRC} (KWP2000) or a status byte (DS2). A value, not an error: no stack.
 */
public final class NegativeResponse extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Nrc nrc;

    public NegativeResponse(Nrc nrc) {
        super(Objects.requireNonNull(nrc, "nrc").name(), null, false, false);
        this.nrc = nrc;
    }

    public Nrc nrc() {
        return nrc;
    }
}
