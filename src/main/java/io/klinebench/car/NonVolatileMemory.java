package io.klinebench.car;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The module's non-volatile memory as a value ({@link Nvm}): taken for a state file, and put
 * back into a module before a run.
 */
public final class NonVolatileMemory {

    private final BodyControlModule module;

    NonVolatileMemory(BodyControlModule module) {
        this.module = module;
    }

    /**
     * The non-volatile memory now: slots (counters, sync, pending code, low-battery flag),
     * receiver coding, VIN, fault memory, security-access memory.
     */
    public Nvm snapshot() {
        RemoteReceiver receiver = module.receiver();
        List<Nvm.SlotState> saved = new ArrayList<>();
        for (Optional<Slot> s : receiver.slots()) {
            s.ifPresent(slot -> saved.add(Nvm.SlotState.of(slot)));
        }
        return new Nvm(
                module.profile.name(),
                receiver.slotCount(),
                saved,
                receiver.coded(),
                module.vin().orElse(null),
                module.faults.entries(),
                module.securityMemory.snapshot(module.clock.nanos()));
    }

    /**
     * Puts back a memory saved by {@link #snapshot()}, as if this module had just been powered
     * with it; call it before the run starts. The receiver, VIN, fault memory and security
     * memory are replaced as a whole and nothing else changes; no event is emitted (only a
     * diagnostic learn still waiting would end, cancelled). A lockout delay that was running
     * runs again from now ({@link Nvm.Security}).
     *
     * @throws IllegalArgumentException if the memory is another profile's, or has another slot count
     */
    public void restore(Nvm saved) {
        Profile profile = module.profile;
        if (!saved.profile().equals(profile.name())) {
            throw new IllegalArgumentException(
                    "the memory is profile " + saved.profile() + "'s, this module is " + profile.name());
        }
        if (saved.slotCount() != profile.slots()) {
            throw new IllegalArgumentException(
                    "the memory has " + saved.slotCount() + " slots, this module " + profile.slots());
        }
        RemoteReceiver restored = new RemoteReceiver(profile.slots(), profile.rollingCode(), saved.receiverCoded());
        saved.slots().forEach(restored::restore);
        module.diagnosticLearn.cancel();
        module.install(restored);
        module.restoreVin(saved.vin());
        module.faults.restore(saved.faults());
        module.securityMemory.restore(saved.security(), module.clock.nanos());
    }
}
