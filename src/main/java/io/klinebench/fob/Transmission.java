package io.klinebench.fob;

/**
 * What a remote puts on the air. A real remote repeats its code while buttons are held and
 * falls silent when they are released; the simulation sends one {@link Code} per button
 * going down and one {@link Released} per button coming up, which carries the same
 * information to the receiver.
 */
public sealed interface Transmission {

    /** The remote's serial number (sent in clear, as KeeLoq remotes do). */
    int serial();

    /**
     * A rolling code: one button press.
     *
     * @param serial     28-bit serial number
     * @param counter    16-bit synchronisation counter, advanced on every press
     * @param buttons    bit mask of the buttons held when this code was sent
     * @param lowBattery the remote's low-voltage flag
     * @param mac        authenticator over serial, counter and buttons under the remote's key
     */
    record Code(int serial, int counter, int buttons, boolean lowBattery, int mac) implements Transmission {
        public Code {
            if ((counter & ~0xFFFF) != 0) {
                throw new IllegalArgumentException("counter must be 16 bits: " + counter);
            }
        }

        @Override
        public String toString() {
            return String.format(
                    "Code[serial=%07X, counter=%d, buttons=%s%s]",
                    serial, counter, Button.describe(buttons), lowBattery ? ", low battery" : "");
        }
    }

    /**
     * Buttons came up; {@code stillHeld} is what is held afterwards.
     */
    record Released(int serial, int released, int stillHeld) implements Transmission {}
}
