package io.klinebench.fob;

import io.klinebench.time.Clock;
import io.klinebench.time.TimingWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The remote-control electronics of a key: serial number, device key, 16-bit counter, the
 * buttons held right now, and a battery. Pressing a button sends a {@link Transmission.Code}
 * with the counter advanced; the counter lives in the remote's non-volatile memory.
 */
public final class RemoteKey {

    private final String name;
    private final int serial;
    private final long deviceKey;
    private final RemoteBattery battery;
    private final Clock clock;
    private final List<FobEventListener> listeners = new ArrayList<>();
    private int counter;
    private int held;

    /**
     * @param name    the bench's name for it ("A")
     * @param serial  28-bit serial number
     * @param counter the counter value of the last code sent
     */
    public RemoteKey(String name, int serial, int counter, RemoteBattery battery, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        if ((serial & ~0x0FFF_FFFF) != 0 || serial == 0) {
            throw new IllegalArgumentException(
                    "remote serial must be 1..0x0FFFFFFF, not 0x" + Integer.toHexString(serial));
        }
        this.serial = serial;
        this.deviceKey = RollingCodeCipher.deviceKey(serial);
        this.counter = counter & 0xFFFF;
        this.battery = battery;
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    public int serial() {
        return serial;
    }

    public int counter() {
        return counter;
    }

    public RemoteBattery battery() {
        return battery;
    }

    public int held() {
        return held;
    }

    public void onEvent(FobEventListener listener) {
        listeners.add(listener);
    }

    /**
     * A button goes down. Returns the code sent, or null when the battery cannot send.
     */
    public Transmission.Code press(Button button) {
        held |= button.bit();
        if (!battery.canTransmit()) {
            emit(new FobEvent.Silent(clock.nanos(), name, battery.installed() ? "battery empty" : "battery out"));
            return null;
        }
        boolean low = battery.low();
        counter = (counter + 1) & 0xFFFF;
        battery.spend();
        Transmission.Code code = new Transmission.Code(
                serial, counter, held, low, RollingCodeCipher.mac(deviceKey, serial, counter, held, low));
        emit(new FobEvent.Sent(clock.nanos(), name, code));
        return code;
    }

    /** Buttons come up; returns null if none of them was held. */
    public Transmission.Released release(int buttons) {
        int released = held & buttons;
        if (released == 0) {
            return null;
        }
        held &= ~released;
        return new Transmission.Released(serial, released, held);
    }

    /** Takes the coin cell out; false for a soldered-in rechargeable cell or one already out. */
    public boolean removeBattery() {
        boolean removed = battery.remove();
        if (removed) {
            emit(new FobEvent.BatteryRemoved(clock.nanos(), name));
        } else {
            emit(new FobEvent.Refused(
                    clock.nanos(),
                    name,
                    "remote-battery remove",
                    battery.spec().type() == BatterySpec.Type.COIN_CELL
                            ? "the cell is already out"
                            : "the rechargeable cell is soldered in"));
        }
        return removed;
    }

    /**
     * Puts the coin cell back. Out longer than the profile allows, the remote loses its
     * synchronisation: its counter restarts at 0, so while the car's stored counter is at
     * most 32768 the car sees old codes (outside the window) until the ritual resynchronises
     * it, or until the remote has been pressed past the stored counter (the owners report the
     * loss, not the mechanism; see firmware-notes).
     */
    public boolean insertBattery() {
        long out = battery.insert();
        if (out < 0) {
            emit(new FobEvent.Refused(clock.nanos(), name, "remote-battery insert", "the cell is already in"));
            return false;
        }
        long max = battery.spec().maxOutNanos();
        TimingWindow w =
                TimingWindow.atMost("remote-battery.max-out-time", max, out, "coin cell out of remote " + name);
        if (!w.met()) {
            counter = 0;
        }
        emit(new FobEvent.BatteryInserted(clock.nanos(), name, w, !w.met()));
        return true;
    }

    private void emit(FobEvent e) {
        for (FobEventListener l : listeners) {
            l.accept(e);
        }
    }
}
