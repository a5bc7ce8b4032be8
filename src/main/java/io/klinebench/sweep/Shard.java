package io.klinebench.sweep;

/**
 * One part of a sweep split over machines: shard {@code number} of {@code of} runs the
 * points whose index modulo {@code of} is {@code number - 1}, so every shard gets points
 * from everywhere in the grid and about the same work.
 */
public record Shard(int number, int of) {

    public static final Shard WHOLE = new Shard(1, 1);

    public Shard {
        if (of < 1 || number < 1 || number > of) {
            throw new IllegalArgumentException("a shard is i/n with 1 <= i <= n, found " + number + "/" + of);
        }
    }

    /** "2/4"; throws {@link IllegalArgumentException} saying what was expected. */
    public static Shard parse(String text) {
        String[] p = text.strip().split("/", -1);
        try {
            if (p.length == 2) {
                return new Shard(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("expected i/n (e.g. 2/4), found '" + text + "'");
    }

    public boolean isWhole() {
        return of == 1;
    }

    public boolean contains(long index) {
        return index % of == number - 1;
    }

    /** How many of {@code total} points are this shard's. */
    public long count(long total) {
        return total / of + (total % of > number - 1 ? 1 : 0);
    }

    @Override
    public String toString() {
        return number + "/" + of;
    }
}
