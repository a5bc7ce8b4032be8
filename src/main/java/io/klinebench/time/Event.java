package io.klinebench.time;

/** Something that happened at an instant on a {@link Clock}: what timelines record. */
public interface Event {
    /** When it happened, in clock nanoseconds. */
    long at();
}
