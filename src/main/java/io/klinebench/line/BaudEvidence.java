package io.klinebench.line;

import java.util.List;

/**
 * The far end's baud switches, where a transport can see them (the owner of a pty master
 * reads the slave's settings): a tester switches to 360 baud to send its fast-init 0x00 and
 * to 5 baud to send a 5-baud address, and a pty carries neither timing, only the byte. The
 * switch is the timing.
 */
public interface BaudEvidence {

    /** The far end's baud became {@code baud}, seen at {@code at} (clock nanos). */
    record Switch(long at, int baud) {}

    /** Watch closely from now (an init is awaited), or stop after a while ({@code false}). */
    void watch(boolean closely);

    /** The switches seen so far, oldest first; reads the baud once more now, so that one made just before is not missed. */
    List<Switch> switchesNow();
}
