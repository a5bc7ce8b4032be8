package io.klinebench.serial;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Modem lines in memory, for tests: a test sets the inputs as a relay rig would and reads
 * back the outputs, with every change of an output recorded in order.
 * Single-threaded, like the virtual clock that drives it.
 */
public final class FakeModemLines implements ModemLines {

    /** One change of an output line. */
    public record Change(Output line, boolean asserted) {}

    private final Map<Input, Boolean> inputs = new EnumMap<>(Input.class);
    private final Map<Output, Boolean> outputs = new EnumMap<>(Output.class);
    private final List<Change> changes = new ArrayList<>();

    public FakeModemLines() {
        for (Input i : Input.values()) {
            inputs.put(i, false);
        }
        for (Output o : Output.values()) {
            outputs.put(o, false);
        }
    }

    /** Drives an input line, as the far end would. */
    public void drive(Input line, boolean asserted) {
        inputs.put(line, asserted);
    }

    /** The level we last gave an output line. */
    public boolean output(Output line) {
        return outputs.get(line);
    }

    /** Every {@link #set} that changed a level, in order. */
    public List<Change> changes() {
        return Collections.unmodifiableList(changes);
    }

    @Override
    public boolean read(Input line) {
        return inputs.get(line);
    }

    @Override
    public void set(Output line, boolean asserted) {
        if (outputs.put(line, asserted) != asserted) {
            changes.add(new Change(line, asserted));
        }
    }
}
