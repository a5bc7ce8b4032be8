package io.klinebench.car;

import io.klinebench.car.CarEvent.CodeReject;
import io.klinebench.fob.RollingCodeCipher;
import io.klinebench.fob.Transmission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The remote receiver module (in the interior mirror on the R50/R53): its slots, whether it
 * is coded to this car, the rolling-code check, and what it last made of a code (BMW's
 * STATUS_RF). It decides; the module acts.
 *
 * <p>A replacement module is a new instance: it knows no remote and is not coded.
 */
public final class RemoteReceiver {

    /** The outcome of checking a code in normal (not learning) operation. */
    public sealed interface Check {
        record Accepted(Slot slot) implements Check {}

        record Rejected(CodeReject reason, String detail) implements Check {}
    }

    /**
     * The last code the receiver took as valid (accepted, or learned), as BC1's STATUS_RF
     * reports it.
     */
    public record ReceivedCode(int serial, int counter, long at) {}

    /** What the receiver last made of a code, as BMW's STATUS_RF job reports it. */
    public enum LastCodeStatus {
        NONE,
        OK,
        OUT_OF_SYNC,
        UNKNOWN_REMOTE,
        BATTERY_DEAD
    }

    private final Slot[] slots;
    private final Profile.RollingCodeRule rule;
    private final BitSet learnedInSession = new BitSet();
    private boolean coded;
    private LastCodeStatus lastStatus = LastCodeStatus.NONE;
    private ReceivedCode lastValidCode;

    public RemoteReceiver(int slotCount, Profile.RollingCodeRule rule, boolean coded) {
        this.slots = new Slot[slotCount];
        this.rule = rule;
        this.coded = coded;
    }

    public boolean coded() {
        return coded;
    }

    void setCoded() {
        coded = true;
    }

    public int slotCount() {
        return slots.length;
    }

    /** The slot table; empty slots are empty optionals. */
    public List<Optional<Slot>> slots() {
        List<Optional<Slot>> out = new ArrayList<>(slots.length);
        for (Slot s : slots) {
            out.add(Optional.ofNullable(s));
        }
        return out;
    }

    public Optional<Slot> slotOf(int serial) {
        return Optional.ofNullable(find(serial));
    }

    public LastCodeStatus lastCodeStatus() {
        return lastStatus;
    }

    public Optional<ReceivedCode> lastValidCode() {
        return Optional.ofNullable(lastValidCode);
    }

    /** Puts a remote into a slot directly (the car's state at the start of a bench run). */
    public void store(int index, int serial, int counter, boolean inSync) {
        if (index < 0 || index >= slots.length) {
            throw new IllegalArgumentException(
                    "slot " + index + " does not exist: this module has slots 0.." + (slots.length - 1));
        }
        if (find(serial) != null) {
            throw new IllegalArgumentException(String.format("remote %07X is already in a slot", serial));
        }
        Slot s = new Slot(
                index, serial, RollingCodeCipher.deviceKey(serial), counter & 0xFFFF, Slot.Sync.IN_SYNC, 0, false);
        slots[index] = inSync ? s : s.lost();
    }

    /**
     * The dealer's write (WRITE_PLIP_CODES): the remote goes into slot {@code index}, in sync
     * at {@code counter}; if it held another slot, that one is emptied. No code was received,
     * so the last valid code stays as it was.
     */
    void write(int index, int serial, int counter) {
        checkIndex(index);
        Slot other = find(serial);
        if (other != null) {
            slots[other.index()] = null;
        }
        slots[index] = new Slot(
                index, serial, RollingCodeCipher.deviceKey(serial), counter & 0xFFFF, Slot.Sync.IN_SYNC, 0, false);
        lastStatus = LastCodeStatus.OK;
    }

    /**
     * The dealer's diagnostic learn took a genuine code at {@code at}: written as
     * {@link #write} does, and it is the last valid code.
     */
    void learnInto(int index, int serial, int counter, long at) {
        write(index, serial, counter);
        lastValidCode = new ReceivedCode(serial, counter & 0xFFFF, at);
    }

    /** Puts a slot back as a state file kept it (counter, sync and pending code included). */
    void restore(Nvm.SlotState saved) {
        checkIndex(saved.index());
        if (find(saved.serial()) != null) {
            throw new IllegalArgumentException(String.format("remote %07X is already in a slot", saved.serial()));
        }
        slots[saved.index()] = new Slot(
                saved.index(),
                saved.serial(),
                RollingCodeCipher.deviceKey(saved.serial()),
                saved.counter(),
                saved.sync(),
                saved.pendingCounter(),
                saved.lowBattery());
    }

    /** Empties a slot (a diagnostic write with the slot disabled). */
    void erase(int index) {
        checkIndex(index);
        slots[index] = null;
    }

    /** BC1's CLEAR_RF_BUFFERS, an ECU reset or a power-on: no code received since. */
    void clearRfStatus() {
        lastStatus = LastCodeStatus.NONE;
        lastValidCode = null;
    }

    /**
     * This module replaces {@code previous} (a new receiver, or one restored from a state
     * file): the body controller's last valid code is not lost by the swap, only by a restart
     * or CLEAR_RF_BUFFERS. The status of the last code starts again from NONE.
     */
    void takeOverLastValidCode(RemoteReceiver previous) {
        lastValidCode = previous.lastValidCode;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= slots.length) {
            throw new IllegalArgumentException(
                    "slot " + index + " does not exist: this module has slots 0.." + (slots.length - 1));
        }
    }

    /** Normal operation at {@code now}: is this code good, and if so, the slot updated. */
    Check check(Transmission.Code code, long now) {
        if (!coded) {
            return reject(
                    LastCodeStatus.UNKNOWN_REMOTE,
                    CodeReject.RECEIVER_NOT_CODED,
                    "receiver module not coded to this car");
        }
        Slot slot = find(code.serial());
        if (slot == null) {
            return reject(LastCodeStatus.UNKNOWN_REMOTE, CodeReject.UNKNOWN_REMOTE, "no slot holds this remote");
        }
        if (!RollingCodeCipher.verify(slot.deviceKey(), code)) {
            return reject(
                    LastCodeStatus.UNKNOWN_REMOTE, CodeReject.INVALID_CODE, "code does not check with the slot's key");
        }
        if (code.lowBattery()) {
            slots[slot.index()] = new Slot(
                    slot.index(),
                    slot.serial(),
                    slot.deviceKey(),
                    slot.counter(),
                    slot.sync(),
                    slot.pendingCounter(),
                    true);
            return reject(LastCodeStatus.BATTERY_DEAD, CodeReject.BATTERY_TOO_LOW, "remote reports low battery");
        }
        if (slot.sync() == Slot.Sync.LOST) {
            return reject(
                    LastCodeStatus.OUT_OF_SYNC,
                    CodeReject.NOT_SYNCHRONISED,
                    "slot lost its synchronisation (car battery); needs the ritual");
        }
        if (slot.sync() == Slot.Sync.RESYNC_PENDING && code.counter() == ((slot.pendingCounter() + 1) & 0xFFFF)) {
            return accept(slot.withCounter(code.counter(), false), now);
        }
        int d = RollingCodeCheck.distance(slot.counter(), code.counter());
        return switch (RollingCodeCheck.judge(slot.counter(), code.counter(), rule)) {
            case ACCEPT -> accept(slot.withCounter(code.counter(), false), now);
            case RESYNC_NEEDED -> {
                slots[slot.index()] = slot.pending(code.counter(), false);
                yield reject(
                        LastCodeStatus.OUT_OF_SYNC,
                        CodeReject.WAITING_FOR_SECOND_CODE,
                        "counter " + d + " ahead; waiting for the next code to resynchronise");
            }
            case REPLAY -> reject(LastCodeStatus.OUT_OF_SYNC, CodeReject.REPLAYED, "counter already used");
            case OUTSIDE ->
                reject(
                        LastCodeStatus.OUT_OF_SYNC,
                        CodeReject.OUTSIDE_WINDOW,
                        "counter " + (0x10000 - d)
                                + " behind the stored one (an old or far-ahead code), outside the resync window of "
                                + rule.resyncWindow());
        };
    }

    /**
     * Learning: checks a code against the key derived from its serial (a genuine remote),
     * without looking at the counter.
     */
    Optional<Check.Rejected> checkForLearning(Transmission.Code code, boolean acceptsNewRemotes) {
        if (!coded) {
            return Optional.of((Check.Rejected) reject(
                    LastCodeStatus.UNKNOWN_REMOTE,
                    CodeReject.RECEIVER_NOT_CODED,
                    "receiver module not coded to this car: the ritual cannot pair"));
        }
        if (!RollingCodeCipher.verify(RollingCodeCipher.deviceKey(code.serial()), code)) {
            return Optional.of((Check.Rejected)
                    reject(LastCodeStatus.UNKNOWN_REMOTE, CodeReject.INVALID_CODE, "not a genuine remote code"));
        }
        if (!acceptsNewRemotes && find(code.serial()) == null) {
            return Optional.of(
                    (Check.Rejected)
                            reject(
                                    LastCodeStatus.UNKNOWN_REMOTE,
                                    CodeReject.UNKNOWN_REMOTE,
                                    "this model year resynchronises known remotes only; a new remote needs the dealer's diagnostic learn"));
        }
        if (code.lowBattery()) {
            return Optional.of((Check.Rejected)
                    reject(LastCodeStatus.BATTERY_DEAD, CodeReject.BATTERY_TOO_LOW, "remote reports low battery"));
        }
        return Optional.empty();
    }

    /**
     * Learns a remote in the current session: resynchronised in place if it has a slot,
     * else into the first free slot, else over the first slot not learned in this session,
     * else over the last slot (as HCS receivers do when full).
     *
     * The code, taken at {@code at}, is the last valid one.
     *
     * @return the slot, and whether the remote already held it
     */
    LearnResult learn(int serial, int counter, long at) {
        Slot existing = find(serial);
        int index;
        if (existing != null) {
            index = existing.index();
        } else {
            index = firstFree();
            if (index < 0) {
                index = learnedInSession.nextClearBit(0);
                if (index >= slots.length) {
                    index = slots.length - 1;
                }
            }
        }
        slots[index] = new Slot(
                index, serial, RollingCodeCipher.deviceKey(serial), counter & 0xFFFF, Slot.Sync.IN_SYNC, 0, false);
        learnedInSession.set(index);
        lastStatus = LastCodeStatus.OK;
        lastValidCode = new ReceivedCode(serial, counter & 0xFFFF, at);
        return new LearnResult(index, existing != null);
    }

    record LearnResult(int slot, boolean resynchronised) {}

    void startSession() {
        learnedInSession.clear();
    }

    int learnedInSessionCount() {
        return learnedInSession.cardinality();
    }

    /** Ends a session; empties the slots not learned in it when asked to. */
    List<CarEvent.DroppedSlot> endSession(boolean dropNotLearned) {
        List<CarEvent.DroppedSlot> dropped = new ArrayList<>();
        if (dropNotLearned && !learnedInSession.isEmpty()) {
            for (int i = 0; i < slots.length; i++) {
                if (slots[i] != null && !learnedInSession.get(i)) {
                    dropped.add(new CarEvent.DroppedSlot(i, slots[i].serial()));
                    slots[i] = null;
                }
            }
        }
        learnedInSession.clear();
        return dropped;
    }

    /** After a power loss: every slot needs the ritual before it works again. */
    void loseSync() {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                slots[i] = slots[i].lost();
            }
        }
    }

    private Check accept(Slot updated, long now) {
        slots[updated.index()] = updated;
        lastStatus = LastCodeStatus.OK;
        lastValidCode = new ReceivedCode(updated.serial(), updated.counter(), now);
        return new Check.Accepted(updated);
    }

    private Check reject(LastCodeStatus status, CodeReject reason, String detail) {
        lastStatus = status;
        return new Check.Rejected(reason, detail);
    }

    private Slot find(int serial) {
        for (Slot s : slots) {
            if (s != null && s.serial() == serial) {
                return s;
            }
        }
        return null;
    }

    private int firstFree() {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == null) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "RemoteReceiver" + Arrays.toString(slots) + (coded ? "" : " (not coded)");
    }
}
