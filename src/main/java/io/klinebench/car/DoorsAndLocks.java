package io.klinebench.car;

import io.klinebench.car.CarEvent.LockState;
import io.klinebench.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** The doors (open or closed) and their lock actuators. */
final class DoorsAndLocks {

    private final Map<String, Boolean> open = new LinkedHashMap<>();
    private final Map<String, LockState> locks = new LinkedHashMap<>();
    private final Clock clock;
    private final CarEventListener sink;
    private final BooleanSupplier powered;
    /** Actuators a tester has taken over (IO control): the module's own logic leaves them alone. */
    private final Set<String> diagnosticControl = new LinkedHashSet<>();

    DoorsAndLocks(List<String> doors, Clock clock, CarEventListener sink, BooleanSupplier powered) {
        this.clock = clock;
        this.sink = sink;
        this.powered = powered;
        for (String d : doors) {
            open.put(d, false);
            locks.put(d, LockState.UNLOCKED);
        }
    }

    boolean exists(String door) {
        return open.containsKey(door);
    }

    List<String> doors() {
        return List.copyOf(open.keySet());
    }

    boolean allClosed() {
        return !open.containsValue(true);
    }

    boolean isOpen(String door) {
        return open.get(door);
    }

    /** Returns false if nothing changed. */
    boolean setOpen(String door, boolean isOpen) {
        if (open.put(door, isOpen) == isOpen) {
            return false;
        }
        sink.accept(new CarEvent.DoorChanged(clock.nanos(), door, isOpen));
        return true;
    }

    /** A door moved while the module had no power: it sees the state, not the change. */
    void setOpenSilently(String door, boolean isOpen) {
        open.put(door, isOpen);
    }

    boolean allLocked() {
        return !locks.containsValue(LockState.UNLOCKED);
    }

    boolean allUnlocked() {
        return !locks.containsValue(LockState.LOCKED);
    }

    LockState lockState(String door) {
        return locks.get(door);
    }

    /**
     * Drives one door's actuator; the actuator runs even if the door is already in that
     * state. Without power (car battery disconnected) nothing moves.
     */
    void actuate(String door, LockState state) {
        if (!powered.getAsBoolean() || diagnosticControl.contains(door)) {
            return;
        }
        locks.put(door, state);
        sink.accept(new CarEvent.LockActuated(clock.nanos(), door, state));
    }

    /**
     * A tester drives one actuator (IO control): it stays under the tester's control, so the
     * module's own actuations skip it, until {@link #returnControl()}. False without power.
     */
    boolean actuateByTester(String door, LockState state) {
        if (!powered.getAsBoolean()) {
            return false;
        }
        diagnosticControl.add(door);
        locks.put(door, state);
        sink.accept(new CarEvent.LockActuated(clock.nanos(), door, state));
        return true;
    }

    boolean underDiagnosticControl(String door) {
        return diagnosticControl.contains(door);
    }

    /** Every actuator back to the module. Nothing moves. */
    void returnControl() {
        diagnosticControl.clear();
    }

    void actuateAll(LockState state) {
        for (String d : open.keySet()) {
            actuate(d, state);
        }
    }

    /** Sets the lock state without an actuation (the car's state at the start of a run). */
    void presetAll(LockState state) {
        locks.replaceAll((d, s) -> state);
    }
}
