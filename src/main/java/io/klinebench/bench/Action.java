package io.klinebench.bench;

import io.klinebench.car.CarEvent.LockState;
import io.klinebench.fob.Button;
import io.klinebench.kline.Fault;
import io.klinebench.kline.FaultTrigger;
import io.klinebench.kline.Init;
import io.klinebench.line.Hex;
import io.klinebench.time.Durations;
import java.util.List;
import java.util.Objects;

/**
 * One physical action, in the words a sequence step, the bench API and the simulator's
 * console share ({@link ActionParser} reads them, {@link #text()} writes them back).
 */
public sealed interface Action {

    /** The action in sequence words: "press A lock". */
    String text();

    record InsertKey(String key) implements Action {
        public String text() {
            return "insert " + key;
        }
    }

    record RemoveKey() implements Action {
        public String text() {
            return "remove key";
        }
    }

    record Ignition(int position) implements Action {
        public String text() {
            return "ignition " + position;
        }
    }

    record Door(String door, boolean open) implements Action {
        public String text() {
            return "door " + door + (open ? " open" : " close");
        }
    }

    record Console(LockState target) implements Action {
        public String text() {
            return "console " + (target == LockState.LOCKED ? "lock" : "unlock");
        }
    }

    record DoorLock(LockState target) implements Action {
        public String text() {
            return "door-lock " + (target == LockState.LOCKED ? "lock" : "unlock");
        }
    }

    /** Buttons down, then up after {@code holdNanos}. */
    record Press(String remote, List<Button> buttons, long holdNanos) implements Action {
        public Press {
            buttons = List.copyOf(buttons);
        }

        public String text() {
            return "press " + remote + " " + words(buttons);
        }
    }

    /** Buttons down and kept down. */
    record Hold(String remote, List<Button> buttons) implements Action {
        public Hold {
            buttons = List.copyOf(buttons);
        }

        public String text() {
            return "hold " + remote + " " + words(buttons);
        }
    }

    /** Buttons up, together. */
    record Release(String remote, List<Button> buttons) implements Action {
        public Release {
            buttons = List.copyOf(buttons);
        }

        public String text() {
            return "release " + remote + " " + words(buttons);
        }
    }

    record CarBattery(boolean connected) implements Action {
        public String text() {
            return "car-battery " + (connected ? "connect" : "disconnect");
        }
    }

    record RemoteBattery(String remote, boolean inserted) implements Action {
        public String text() {
            return "remote-battery " + remote + (inserted ? " insert" : " remove");
        }
    }

    record ReplaceReceiver() implements Action {
        public String text() {
            return "replace receiver";
        }
    }

    record Setting(String name, String value) implements Action {
        public String text() {
            return "setting " + name + " " + value;
        }
    }

    /** The bench's tester initialises the K-line: fast init or 5-baud init (KWP2000). */
    record TesterInit(Init init) implements Action {
        public TesterInit {
            Objects.requireNonNull(init, "init");
        }

        public String text() {
            return "tester " + word(init);
        }

        /** The init as an action writes it: "fast-init", "5baud-init". */
        public static String word(Init init) {
            return switch (init) {
                case FAST -> "fast-init";
                case FIVE_BAUD -> "5baud-init";
            };
        }
    }

    /** The bench's tester sends a request (KWP: SID and parameters; DS2: the data bytes). */
    record TesterSend(byte[] data) implements Action {
        public TesterSend {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        public String text() {
            return "tester send " + Hex.of(data);
        }
    }

    /** The bench's tester puts raw bytes on the line, as they are (broken frames, garbage). */
    record TesterRaw(byte[] bytes) implements Action {
        public TesterRaw {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public String text() {
            return "tester raw " + Hex.of(bytes);
        }
    }

    /**
     * The tester unlocks security access: asks for the seed and answers with the key the
     * documented algorithm gives (or a wrong one), P3min (DS2: the request gap) after the seed.
     */
    record TesterUnlock(boolean wrongKey) implements Action {
        public String text() {
            return wrongKey ? "tester unlock wrong-key" : "tester unlock";
        }
    }

    /**
     * The tester searches for modules: asks each address its profile's search list names for its
     * identification, in turn, over what the cable hears (the R50/R53's pin 7, or pins 7 and 8
     * bridged); each probe is a {@code module-probed} event.
     */
    record TesterModuleSearch() implements Action {
        public String text() {
            return "tester module-search";
        }
    }

    /**
     * The tester sends a request to another module of the car's lines, by its name ("EMS2000"),
     * in that module's protocol, over what the cable hears now.
     */
    record TesterSendTo(String module, byte[] data) implements Action {
        public TesterSendTo {
            Objects.requireNonNull(module, "module");
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        public String text() {
            return "tester send-to " + module + " " + Hex.of(data);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TesterSendTo t && t.module.equals(module) && java.util.Arrays.equals(t.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * module.hashCode() + java.util.Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * The K+DCAN cable's switch: pins 7 and 8 bridged into one wire ({@code cable 7+8}, as BMW's
     * DS2 cars need it), or the cable on pin 7 alone ({@code cable 7}).
     */
    record Cable(boolean bridged) implements Action {
        public String text() {
            return bridged ? "cable 7+8" : "cable 7";
        }
    }

    /** The tester's gap between the bytes it sends (KWP P4). */
    record TesterInterByte(long nanos) implements Action {
        public String text() {
            return "tester inter-byte " + Durations.format(nanos);
        }
    }

    /**
     * The module is told to make {@code fault} in the answers {@code trigger} picks (fault
     * injection: what breaks a diagnostic tool in the field, on purpose and said as such).
     */
    record InjectFault(Fault fault, FaultTrigger trigger) implements Action {
        public InjectFault {
            Objects.requireNonNull(fault, "fault");
            Objects.requireNonNull(trigger, "trigger");
        }

        public String text() {
            return "fault " + fault.text() + " " + trigger.text();
        }
    }

    /** Nothing but the passing of time (the step's own time). */
    record Wait() implements Action {
        public String text() {
            return "wait";
        }
    }

    private static String words(List<Button> buttons) {
        return String.join(
                " ", buttons.stream().map(b -> b.name().toLowerCase()).toList());
    }
}
