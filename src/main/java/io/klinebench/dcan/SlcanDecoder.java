package io.klinebench.dcan;

import java.util.function.Consumer;

/**
 * Cuts the bytes of an slcan serial line into messages: a line ends at its carriage return,
 * BEL stands alone. A line feed between lines (some tools end lines with CR LF) is skipped. A
 * line longer than any slcan message is dropped as {@link SlcanMessage.Bad} when it passes the
 * longest and the rest up to the next carriage return is skipped, so the next good line still
 * reads. Single-threaded.
 */
public final class SlcanDecoder {

    /**
     * One message as it arrived.
     *
     * @param firstAt its first byte
     * @param at      its last byte (the carriage return, or the BEL)
     */
    public record Read(SlcanMessage message, long firstAt, long at) {}

    private final Consumer<Read> out;
    private final StringBuilder line = new StringBuilder();
    private long firstAt;
    private boolean skipping;

    public SlcanDecoder(Consumer<Read> out) {
        this.out = out;
    }

    public void feed(int value, long at) {
        if (value == Slcan.CR) {
            if (!skipping) {
                out.accept(new Read(Slcan.parse(line.toString()), line.length() == 0 ? at : firstAt, at));
            }
            line.setLength(0);
            skipping = false;
            return;
        }
        if (skipping) {
            return;
        }
        if (value == Slcan.BEL && line.length() == 0) {
            out.accept(new Read(new SlcanMessage.Error(), at, at));
            return;
        }
        if (value == '\n' && line.length() == 0) {
            return;
        }
        if (line.length() == 0) {
            firstAt = at;
        }
        line.append((char) value);
        if (line.length() > Slcan.LONGEST_LINE) {
            out.accept(new Read(
                    new SlcanMessage.Bad(
                            line.toString(),
                            Slcan.LONGEST_LINE + 1,
                            "no carriage return after " + Slcan.LONGEST_LINE
                                    + " characters, the longest slcan message; skipped up to the next one"),
                    firstAt,
                    at));
            line.setLength(0);
            skipping = true;
        }
    }
}
