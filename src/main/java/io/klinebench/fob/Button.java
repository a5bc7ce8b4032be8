package io.klinebench.fob;

/** The buttons of a MINI remote; each is one bit in the button field of a code. */
public enum Button {
    LOCK(0x1),
    UNLOCK(0x2);

    private final int bit;

    Button(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    /** Bit mask of several buttons. */
    public static int mask(Button... buttons) {
        int m = 0;
        for (Button b : buttons) {
            m |= b.bit;
        }
        return m;
    }

    public static boolean has(int mask, Button b) {
        return (mask & b.bit) != 0;
    }

    /** "LOCK+UNLOCK" for a mask, "none" for 0. */
    public static String describe(int mask) {
        StringBuilder sb = new StringBuilder();
        for (Button b : values()) {
            if (has(mask, b)) {
                sb.append(sb.length() == 0 ? "" : "+").append(b.name());
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
