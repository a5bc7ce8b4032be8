package io.klinebench.fob;

import io.klinebench.time.Event;
import io.klinebench.time.TimingWindow;

/** What happened at a remote, as the bench's timeline shows it next to the car's events. */
public sealed interface FobEvent extends Event {

    String remote();

    /** The remote sent a code. */
    record Sent(long at, String remote, Transmission.Code code) implements FobEvent {}

    /** A button went down but nothing was sent (battery out or empty). */
    record Silent(long at, String remote, String why) implements FobEvent {}

    /** An action on the remote that cannot be done (a soldered-in cell taken out...). */
    record Refused(long at, String remote, String action, String why) implements FobEvent {}

    /** The coin cell was taken out. */
    record BatteryRemoved(long at, String remote) implements FobEvent {}

    /** The coin cell went back in; {@code window} judges how long it was out. */
    record BatteryInserted(long at, String remote, TimingWindow window, boolean syncLost) implements FobEvent {}
}
