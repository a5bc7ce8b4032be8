package io.klinebench.bench;

import io.klinebench.car.CarEvent.LockState;
import io.klinebench.fob.Button;
import java.util.List;

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

    /** Nothing but the passing of time (the step's own time). */
    record Wait() implements Action {
        public String text() {
            return "wait";
        }
    }

    private static String words(List<Button> buttons) {
        return String.join(" ", buttons.stream().map(b -> b.name().toLowerCase()).toList());
    }
}
