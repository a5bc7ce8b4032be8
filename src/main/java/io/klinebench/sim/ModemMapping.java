package io.klinebench.sim;

import io.klinebench.bench.Action;
import io.klinebench.serial.ModemLines;
import io.klinebench.time.Durations;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a bench setup wires the port's modem lines to the car (the {@code modem-lines:}
 * section of a setup file): an input line performs an action on each edge; an output line
 * shows a state of the car, or pulses on an event.
 *
 * @param inputs         what each wired input does on its edges
 * @param debounceNanos  how long a new level must hold before it counts (0: the first poll that sees it)
 * @param periodNanos    how often the input lines are read
 * @param outputs        what each wired output shows
 */
public record ModemMapping(
        Map<ModemLines.Input, InputBinding> inputs,
        long debounceNanos,
        long periodNanos,
        Map<ModemLines.Output, OutputBinding> outputs) {

    /**
     * Inputs are read every millisecond unless the setup says otherwise: the ritual's windows
     * are hundreds of milliseconds wide and a relay bounces for a few, so 1 ms adds at most
     * 1 ms of latency to an edge, while a read of four lines is a few system calls, a small
     * fraction of a core.
     */
    public static final long DEFAULT_PERIOD_NANOS = Durations.MS;

    /** How long a chime holds its output unless the setup gives a {@code pulse}. */
    public static final long DEFAULT_PULSE_NANOS = 200 * Durations.MS;

    /** No lines wired. */
    public static final ModemMapping NONE = new ModemMapping(Map.of(), 0, DEFAULT_PERIOD_NANOS, Map.of());

    public ModemMapping {
        inputs = Collections.unmodifiableMap(
                inputs.isEmpty() ? new EnumMap<>(ModemLines.Input.class) : new EnumMap<>(inputs));
        outputs = Collections.unmodifiableMap(
                outputs.isEmpty() ? new EnumMap<>(ModemLines.Output.class) : new EnumMap<>(outputs));
        if (debounceNanos < 0) {
            throw new IllegalArgumentException("debounce must not be negative");
        }
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("the polling period must be more than 0");
        }
    }

    public boolean isEmpty() {
        return inputs.isEmpty() && outputs.isEmpty();
    }

    /** The actions of one input line; either may be null (nothing happens on that edge), not both. */
    public record InputBinding(Action on, Action off) {
        public InputBinding {
            if (on == null && off == null) {
                throw new IllegalArgumentException("an input needs an action for 'on', 'off' or both");
            }
        }
    }

    /** What an output line shows. */
    public sealed interface OutputBinding {
        /** The words of the setup file: "lock driver", "chime", "ignition-on", "locked". */
        String text();
    }

    /** Asserted while {@code door} is locked. */
    public record DoorLocked(String door) implements OutputBinding {
        public DoorLocked {
            Objects.requireNonNull(door, "door");
        }

        public String text() {
            return "lock " + door;
        }
    }

    /** Asserted for {@code pulseNanos} on each chime (a chime during a pulse restarts it). */
    public record ChimePulse(long pulseNanos) implements OutputBinding {
        public ChimePulse {
            if (pulseNanos <= 0) {
                throw new IllegalArgumentException("a chime pulse lasts more than 0s");
            }
        }

        public String text() {
            return "chime";
        }
    }

    /** Asserted while the ignition is at 2 (run) or 3 (start): KL15, as BMW's adapter shows it on DSR. */
    public record IgnitionOn() implements OutputBinding {
        public String text() {
            return "ignition-on";
        }
    }

    /** Asserted while every door is locked. */
    public record AllLocked() implements OutputBinding {
        public String text() {
            return "locked";
        }
    }
}
