package io.klinebench.car;

import io.klinebench.car.CarEvent.LockState;
import io.klinebench.fob.Key;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The module's state, read only and live (each call reads it as it is now): what a test, a
 * report, a data record or a modem line may want to know. The receiver and the immobilizer
 * are read through their own objects ({@link BodyControlModule#receiver()},
 * {@link BodyControlModule#immobilizer()}).
 */
public final class ModuleStatus {

    private final BodyControlModule module;

    ModuleStatus(BodyControlModule module) {
        this.module = module;
    }

    /** Whether the car battery is connected. */
    public boolean powered() {
        return module.powered();
    }

    // ---- the ignition ---------------------------------------------------------------------

    /** Ignition position: 0 off, 1 accessory, 2 run, 3 start. */
    public int ignition() {
        return module.ignition.position();
    }

    public Optional<Key> insertedKey() {
        return module.ignition.key();
    }

    /** Would the immobilizer let this key start the engine? */
    public boolean engineStartAllowed(Key k) {
        return module.immobilizer.authorises(k.transponder());
    }

    // ---- the doors --------------------------------------------------------------------------

    /** The lockable doors, in actuation order. */
    public List<String> doors() {
        return module.doors.doors();
    }

    public boolean doorOpen(String door) {
        return module.doors.isOpen(door);
    }

    public LockState lockState(String door) {
        return module.doors.lockState(door);
    }

    public boolean allLocked() {
        return module.doors.allLocked();
    }

    // ---- the ritual -------------------------------------------------------------------------

    public int cycleCount() {
        return module.ritual.cycleCount();
    }

    public int cyclesNeeded() {
        return module.ritual.cyclesNeeded();
    }

    public boolean learnWindowOpen() {
        return module.ritual.windowOpen();
    }

    /** Time left in the learn window, 0 when closed. */
    public long learnWindowLeftNanos() {
        LearnProcedure ritual = module.ritual;
        return ritual.windowOpen() ? Math.max(0, ritual.windowClosesAt() - module.clock.nanos()) : 0;
    }

    /** Remotes (keys, on the R56) learned in the open learn window; 0 when it is closed. */
    public int learnedInWindow() {
        return module.ritual.learnedInWindow();
    }

    // ---- key memory -------------------------------------------------------------------------

    /** Whose key-memory settings are active ("unidentified" or a remote serial in hex). */
    public String keyMemoryIdentity() {
        return module.keyMemory.current();
    }

    public Map<String, String> keyMemorySettings(String identity) {
        return module.keyMemory.settingsOf(identity);
    }
}
