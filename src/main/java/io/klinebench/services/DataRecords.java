package io.klinebench.services;

import io.klinebench.car.BodyControlModule;
import io.klinebench.car.CarEvent.LockState;
import io.klinebench.car.DiagnosticAccess;
import io.klinebench.car.ModuleStatus;
import io.klinebench.car.RemoteReceiver;
import io.klinebench.car.Slot;
import io.klinebench.fob.Key;
import io.klinebench.kline.NegativeResponse;
import io.klinebench.kline.Nrc;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The data records both personalities read, by local identifier: KWP2000
 * {@code 21 LID -> 61 LID record}, DS2 {@code 0B LID -> A0 record}. Pure functions of the
 * module's state; the byte layouts are documented in firmware-notes/diagnostics.md.
 *
 * <pre>
 *  01 ignition      KI IG CC NN          key in, K-bus ignition state, cycles counted, cycles needed
 *  02 learn window  WS TH TL LL          open?, time left (10 ms units, rounded up), learned in it
 *  03 RF status     ST S3 S2 S1 S0 CH CL STATUS_RF bits, last valid code's serial and counter
 *  04 inputs        IN DO DL             switch bits, doors open, doors locked
 *  05 key battery   KR LV CH             key with remote in the ignition?, level %, charging?
 *  06 coding        CD V1..V17           receiver coded?, VIN (FF x 17 when not coded)
 *  30 slot table    NN {slot record}     every slot
 *  40+n slot n      LL UU S3 S2 S1 S0 CH CL SY BT   (n = 1..slots; the slot record)
 * </pre>
 */
public final class DataRecords {

    public static final int IGNITION = 0x01;
    public static final int LEARN_WINDOW = 0x02;
    public static final int RF_STATUS = 0x03;
    public static final int INPUTS = 0x04;
    public static final int KEY_BATTERY = 0x05;
    public static final int CODING = 0x06;
    public static final int SLOT_TABLE = 0x30;
    /** Slot n (1-based, as BMW numbers plip locations) is LID 0x40 + n. */
    public static final int SLOT_BASE = 0x40;

    public static final int SLOT_RECORD_LENGTH = 10;
    public static final int VIN_LENGTH = 17;

    /** STATUS_RF bits (BC1's STAT_RF_* results). */
    public static final int RF_REMOTE_OK_ROLLING_CODE_OK = 0x01;

    public static final int RF_REMOTE_OK_ROLLING_CODE_NOT_OK = 0x02;
    public static final int RF_REMOTE_INCORRECT = 0x04;
    public static final int RF_REMOTE_BATTERY_DEAD = 0x08;

    /** Longest record we send: fits a KWP2000 frame (255) and a DS2 telegram (252) with its header bytes. */
    private static final int MAX_RECORD = 249;

    private DataRecords() {}

    /**
     * The record for a local identifier.
     *
     * @throws NegativeResponse requestOutOfRange for an identifier we do not have
     */
    public static byte[] read(BodyControlModule car, int lid) throws NegativeResponse {
        switch (lid) {
            case IGNITION:
                return ignition(car);
            case LEARN_WINDOW:
                return learnWindow(car);
            case RF_STATUS:
                return rfStatus(car);
            case INPUTS:
                return inputs(car);
            case KEY_BATTERY:
                return keyBattery(car);
            case CODING:
                return coding(car);
            case SLOT_TABLE:
                return slotTable(car);
            default:
                int location = lid - SLOT_BASE;
                if (location >= 1 && location <= car.receiver().slotCount()) {
                    return slot(car, location);
                }
                throw Nrc.REQUEST_OUT_OF_RANGE.reject();
        }
    }

    /** K-bus ignition state for a key position: 00 off, 01 KL-R, 03 KL15, 07 KL50. */
    public static int kbusIgnition(int position) {
        return switch (position) {
            case 1 -> 0x01;
            case 2 -> 0x03;
            case 3 -> 0x07;
            default -> 0x00;
        };
    }

    static byte[] ignition(BodyControlModule car) {
        ModuleStatus s = car.status();
        return bytes(
                s.insertedKey().isPresent() ? 1 : 0,
                kbusIgnition(s.ignition()),
                clip(s.cycleCount()),
                clip(s.cyclesNeeded()));
    }

    static byte[] learnWindow(BodyControlModule car) {
        ModuleStatus s = car.status();
        long left = s.learnWindowLeftNanos();
        long units = Math.min(0xFFFF, (left + 9_999_999) / 10_000_000);
        return bytes(s.learnWindowOpen() ? 1 : 0, (int) (units >> 8), (int) units, clip(s.learnedInWindow()));
    }

    static byte[] rfStatus(BodyControlModule car) {
        int status = switch (car.receiver().lastCodeStatus()) {
            case NONE -> 0;
            case OK -> RF_REMOTE_OK_ROLLING_CODE_OK;
            case OUT_OF_SYNC -> RF_REMOTE_OK_ROLLING_CODE_NOT_OK;
            case UNKNOWN_REMOTE -> RF_REMOTE_INCORRECT;
            case BATTERY_DEAD -> RF_REMOTE_BATTERY_DEAD;
        };
        Optional<RemoteReceiver.ReceivedCode> last = car.receiver().lastValidCode();
        int serial = last.map(RemoteReceiver.ReceivedCode::serial).orElse(0);
        int counter = last.map(RemoteReceiver.ReceivedCode::counter).orElse(0);
        byte[] out = new byte[7];
        out[0] = (byte) status;
        putInt(out, 1, serial);
        out[5] = (byte) (counter >> 8);
        out[6] = (byte) counter;
        return out;
    }

    /**
     * IN: bit0 key in the ignition, bit1 KL-R, bit2 KL15, bit3 KL50, bit4 all doors locked,
     * bit5 an actuator under IO control, bit6 learn window open, bit7 diagnostic learn waiting.
     * DO, DL: one bit per door in the profile's order (bit0 first): open, locked.
     */
    static byte[] inputs(BodyControlModule car) {
        ModuleStatus s = car.status();
        DiagnosticAccess diagnostics = car.diagnostics();
        int ign = s.ignition();
        List<String> doors = s.doors();
        int in = (s.insertedKey().isPresent() ? 0x01 : 0)
                | (ign >= 1 ? 0x02 : 0)
                | (ign >= 2 ? 0x04 : 0)
                | (ign == 3 ? 0x08 : 0)
                | (s.allLocked() ? 0x10 : 0)
                | (doors.stream().anyMatch(diagnostics::underDiagnosticControl) ? 0x20 : 0)
                | (s.learnWindowOpen() ? 0x40 : 0)
                | (diagnostics.diagnosticLearn().waiting() ? 0x80 : 0);
        int open = 0;
        int locked = 0;
        for (int i = 0; i < doors.size() && i < 8; i++) {
            open |= s.doorOpen(doors.get(i)) ? 1 << i : 0;
            locked |= s.lockState(doors.get(i)) == LockState.LOCKED ? 1 << i : 0;
        }
        return bytes(in, open, locked);
    }

    static byte[] keyBattery(BodyControlModule car) {
        Optional<Key> key = car.status().insertedKey().filter(Key::hasRemote);
        if (key.isEmpty()) {
            return bytes(0, 0xFF, 0);
        }
        var battery = key.get().remote().battery();
        int percent = (int) Math.round(battery.level() * 100);
        return bytes(1, percent, battery.charging() ? 1 : 0);
    }

    static byte[] coding(BodyControlModule car) {
        byte[] out = new byte[1 + VIN_LENGTH];
        boolean coded = car.receiver().coded();
        out[0] = (byte) (coded ? 1 : 0);
        System.arraycopy(vin(car), 0, out, 1, VIN_LENGTH);
        return out;
    }

    /**
     * The VIN the receiver holds: the car's when coded, erased (FF) when not or unknown. A VIN
     * that is not 17 ASCII characters (the bench's setVin takes any text) is unknown too: the
     * record has room for 17 bytes, and a request is always answered.
     */
    static byte[] vin(BodyControlModule car) {
        byte[] out = new byte[VIN_LENGTH];
        Optional<String> vin = car.diagnostics()
                .vin()
                .filter(v -> v.length() == VIN_LENGTH && v.chars().allMatch(c -> c < 0x80));
        if (car.receiver().coded() && vin.isPresent()) {
            return vin.get().getBytes(StandardCharsets.US_ASCII);
        }
        Arrays.fill(out, (byte) 0xFF);
        return out;
    }

    static byte[] slotTable(BodyControlModule car) throws NegativeResponse {
        int n = car.receiver().slotCount();
        if (1 + n * SLOT_RECORD_LENGTH > MAX_RECORD) {
            throw Nrc.REQUEST_OUT_OF_RANGE.reject();
        }
        byte[] out = new byte[1 + n * SLOT_RECORD_LENGTH];
        out[0] = (byte) n;
        for (int loc = 1; loc <= n; loc++) {
            System.arraycopy(slot(car, loc), 0, out, 1 + (loc - 1) * SLOT_RECORD_LENGTH, SLOT_RECORD_LENGTH);
        }
        return out;
    }

    /** The slot record: LL UU S3 S2 S1 S0 CH CL SY BT; an empty slot is LL and zeros. */
    static byte[] slot(BodyControlModule car, int location) {
        RemoteReceiver r = car.receiver();
        byte[] out = new byte[SLOT_RECORD_LENGTH];
        out[0] = (byte) location;
        Optional<Slot> s = r.slots().get(location - 1);
        if (s.isEmpty()) {
            return out;
        }
        Slot slot = s.get();
        out[1] = 1;
        putInt(out, 2, slot.serial());
        out[6] = (byte) (slot.counter() >> 8);
        out[7] = (byte) slot.counter();
        out[8] = (byte)
                switch (slot.sync()) {
                    case IN_SYNC -> 0;
                    case RESYNC_PENDING -> 1;
                    case LOST -> 2;
                };
        out[9] = (byte) (slot.lastLowBattery() ? 1 : 0);
        return out;
    }

    static void putInt(byte[] out, int at, int v) {
        out[at] = (byte) (v >>> 24);
        out[at + 1] = (byte) (v >>> 16);
        out[at + 2] = (byte) (v >>> 8);
        out[at + 3] = (byte) v;
    }

    static int getInt(byte[] in, int at) {
        return (in[at] & 0xFF) << 24 | (in[at + 1] & 0xFF) << 16 | (in[at + 2] & 0xFF) << 8 | (in[at + 3] & 0xFF);
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static int clip(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
