package io.klinebench.car;

import io.klinebench.time.Event;
import io.klinebench.time.TimingWindow;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the body control module does that a test or a report may want to see, each
 * stamped with its clock time. Remotes are named by serial number: the car knows no names.
 */
public sealed interface CarEvent extends Event {

    record IgnitionChanged(long at, int from, int to) implements CarEvent {}

    record KeyInserted(long at, String key) implements CarEvent {}

    record KeyRemoved(long at, String key) implements CarEvent {}

    record DoorChanged(long at, String door, boolean open) implements CarEvent {}

    /** A timing rule of the profile was applied to what just happened. */
    record WindowJudged(long at, TimingWindow window) implements CarEvent {}

    /** An ignition cycle counted: {@code n} of the {@code of} the ritual needs. */
    record CycleCounted(long at, int n, int of) implements CarEvent {}

    /** The cycle count went back to zero from {@code count}. */
    record CycleCountReset(long at, int count, CountReset reason) implements CarEvent {}

    /**
     * An ignition run the car did not count toward the ritual, and why ({@code car-locked},
     * {@code door-opened} when the run began; {@code engine-started} when a run that reached
     * ignition 3 ends at count 0): said also when there was no count to lose, and so no {@link
     * CycleCountReset}.
     */
    record CycleNotCounted(long at, CountReset reason) implements CarEvent {}

    /** The ritual got past its cycles but failed before the learn window. */
    record LearnAborted(long at, LearnAbort reason, String detail) implements CarEvent {}

    record LearnWindowOpened(long at, long closesAt) implements CarEvent {}

    record LearnWindowClosed(long at, WindowClose reason, int learned) implements CarEvent {}

    /** A remote completed the gesture wrongly; it may start again while the window is open. */
    record GestureFailed(long at, int serial, String why) implements CarEvent {}

    /** A remote was learned, or re-synchronised if it already held {@code slot}. */
    record RemoteLearned(long at, int serial, int slot, boolean resynchronised) implements CarEvent {}

    /** Slots emptied because their remotes were not learned in the session. */
    record SlotsDropped(long at, List<DroppedSlot> dropped) implements CarEvent {
        public SlotsDropped {
            dropped = List.copyOf(dropped);
        }
    }

    record DroppedSlot(int slot, int serial) {}

    record RemoteCodeAccepted(long at, int serial, int slot, int counter, int buttons) implements CarEvent {}

    record RemoteCodeRejected(long at, int serial, CodeReject reason, String detail) implements CarEvent {}

    /**
     * A valid code the car took no action on, and why: while the learn window is open the car
     * reads codes only as the learning gesture, so a LOCK alone (a just-learned remote's "does
     * it work?") neither locks nor learns.
     */
    record RemoteCodeIgnored(long at, int serial, String why) implements CarEvent {}

    record LockActuated(long at, String door, LockState state) implements CarEvent {}

    record Chime(long at, String why) implements CarEvent {}

    /** Key memory applied the settings stored for {@code whose} (a remote serial, or "unidentified"). */
    record KeyMemoryApplied(long at, String whose, Map<String, String> settings) implements CarEvent {
        public KeyMemoryApplied {
            // Insertion order (the order the driver set them), the same on every run.
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }
    }

    record SettingChanged(long at, String whose, String name, String value) implements CarEvent {}

    /** The immobilizer's answer to the ignition reaching start. */
    record EngineStart(long at, String key, boolean allowed, String why) implements CarEvent {}

    record CarBatteryChanged(long at, boolean connected) implements CarEvent {}

    record ReceiverReplaced(long at) implements CarEvent {}

    record ReceiverCoded(long at) implements CarEvent {}

    /** Coding refused: the VIN offered is not this car's (or the car has none to compare with). */
    record ReceiverCodingRefused(long at, String vin, String why) implements CarEvent {}

    /** The module restarted on a diagnostic request: its volatile state is gone. */
    record EcuReset(long at) implements CarEvent {}

    /** A slot written over the diagnostic line; {@code serial} 0 means the slot was erased. */
    record SlotWritten(long at, int slot, int serial, int counter) implements CarEvent {}

    /** The dealer's diagnostic learn waits for a remote, for slot {@code slot}, until {@code until}. */
    record DiagnosticLearnStarted(long at, int slot, long until) implements CarEvent {}

    /** The dealer's diagnostic learn ended; {@code serial} is the remote learned, 0 if none. */
    record DiagnosticLearnEnded(long at, int slot, DiagnosticLearnState.Phase outcome, int serial)
            implements CarEvent {}

    /** The fault memory was cleared ({@code cleared} entries); faults whose condition holds are back at once. */
    record FaultsCleared(long at, int cleared) implements CarEvent {}

    /** An input that cannot physically happen in this state (ignition turned with no key...). */
    record InputRefused(long at, String input, String why) implements CarEvent {}

    enum LockState {
        LOCKED,
        UNLOCKED
    }

    enum CountReset {
        DOOR_OPENED,
        CAR_LOCKED,
        RUN_TOO_SHORT,
        RUN_TOO_LONG,
        GAP_TOO_LONG,
        TOO_MANY_CYCLES,
        KEY_REMOVED,
        POWER_LOST,
        ENGINE_STARTED,
        ECU_RESET
    }

    enum LearnAbort {
        WRONG_CYCLE_COUNT,
        KEY_OUT_TOO_LATE,
        NO_REMOTE_IN_KEY,
        RECEIVER_NOT_CODED
    }

    enum WindowClose {
        COMPLETED,
        TIMEOUT,
        DOOR_OPENED,
        IGNITION_ON,
        KEY_INSERTED,
        POWER_LOST,
        ECU_RESET
    }

    enum CodeReject {
        UNKNOWN_REMOTE,
        OUTSIDE_WINDOW,
        REPLAYED,
        WAITING_FOR_SECOND_CODE,
        NOT_SYNCHRONISED,
        BATTERY_TOO_LOW,
        KEY_IN_IGNITION,
        INVALID_CODE,
        RECEIVER_NOT_CODED
    }
}
