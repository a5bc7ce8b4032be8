package io.klinebench.bench;

import io.klinebench.car.CarEvent.LockState;
import io.klinebench.fob.Button;
import io.klinebench.kline.Init;
import io.klinebench.line.Hex;
import io.klinebench.time.Durations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads actions written as words:
 *
 * <pre>
 *   insert KEY                 remove key
 *   ignition 0|1|2|3           (or off, acc, run, start)
 *   door NAME open|close       console lock|unlock        door-lock lock|unlock
 *   press KEY BUTTON... [for DURATION]   hold KEY BUTTON...   release KEY BUTTON...
 *   car-battery disconnect|connect       remote-battery KEY remove|insert
 *   replace receiver           setting NAME VALUE         wait
 *   tester fast-init | 5baud-init | send HEX... | raw HEX... | inter-byte DURATION | unlock [wrong-key]
 *          | module-search | send-to MODULE HEX...
 *   cable 7+8 | 7              (the K+DCAN cable's switch: pins 7 and 8 bridged, or pin 7 alone)
 * </pre>
 *
 * Errors are {@link IllegalArgumentException}s whose message says what was expected. Words left
 * over after a whole action are an error too, never ignored: "wait 10s" read as "wait" would
 * quietly do something else than what was written.
 */
public final class ActionParser {

    /** How long "press" holds the buttons unless the step says "for ...". */
    public static final long DEFAULT_PRESS_NANOS = 150 * Durations.MS;

    /**
     * The longest gap the tester may keep between its bytes: a module drops a request after 10
     * to 20 ms of silence inside it (DS2's tester-inter-byte-max, KWP2000's P4max), so a second
     * already tests that as well as any longer gap would, which would only spread one frame over
     * hours of the run.
     */
    static final long MAX_INTER_BYTE = Durations.S;

    public static final List<String> VERBS = List.of(
            "insert",
            "remove",
            "ignition",
            "door",
            "console",
            "door-lock",
            "press",
            "hold",
            "release",
            "car-battery",
            "remote-battery",
            "replace",
            "setting",
            "tester",
            "cable",
            "fault",
            "wait");

    private ActionParser() {}

    public static Action parse(String text) {
        String[] w = text.trim().split("\\s+");
        String verb = w[0].toLowerCase(Locale.ROOT);
        return switch (verb) {
            case "insert" -> new Action.InsertKey(last(w, 1, "insert KEY"));
            case "remove" -> {
                if (w.length != 2 || !w[1].equalsIgnoreCase("key")) {
                    throw new IllegalArgumentException("expected 'remove key'");
                }
                yield new Action.RemoveKey();
            }
            case "ignition" -> new Action.Ignition(position(last(w, 1, "ignition 0|1|2|3")));
            case "door" ->
                new Action.Door(
                        arg(w, 1, "door NAME open|close"),
                        oneOf(last(w, 2, "door NAME open|close"), "open", "close")
                                .equals("open"));
            case "console" -> new Action.Console(lock(last(w, 1, "console lock|unlock")));
            case "door-lock" -> new Action.DoorLock(lock(last(w, 1, "door-lock lock|unlock")));
            case "press" -> press(w);
            case "hold" ->
                new Action.Hold(arg(w, 1, "hold KEY BUTTON..."), buttons(w, 2, w.length, "hold KEY BUTTON..."));
            case "release" ->
                new Action.Release(
                        arg(w, 1, "release KEY BUTTON..."), buttons(w, 2, w.length, "release KEY BUTTON..."));
            case "car-battery" ->
                new Action.CarBattery(oneOf(last(w, 1, "car-battery disconnect|connect"), "disconnect", "connect")
                        .equals("connect"));
            case "remote-battery" ->
                new Action.RemoteBattery(
                        arg(w, 1, "remote-battery KEY remove|insert"),
                        oneOf(last(w, 2, "remote-battery KEY remove|insert"), "remove", "insert")
                                .equals("insert"));
            case "replace" -> {
                oneOf(last(w, 1, "replace receiver"), "receiver");
                yield new Action.ReplaceReceiver();
            }
            case "setting" -> {
                if (w.length != 3) {
                    throw new IllegalArgumentException("expected 'setting NAME VALUE'");
                }
                yield new Action.Setting(w[1], w[2]);
            }
            case "wait" -> {
                // The step's own time (at/after) is the waiting; a duration here would be ignored.
                if (w.length > 1) {
                    throw new IllegalArgumentException("'wait' takes nothing after it, not '" + w[1]
                            + "': the step's 'at' or 'after' is the time");
                }
                yield new Action.Wait();
            }
            case "tester" -> tester(w);
            case "cable" -> {
                String pins = last(w, 1, "cable 7+8|7");
                if (!pins.equals("7+8") && !pins.equals("7")) {
                    throw new IllegalArgumentException(
                            "expected 'cable 7+8' (pins 7 and 8 bridged) or 'cable 7', not '" + pins + "'");
                }
                yield new Action.Cable(pins.equals("7+8"));
            }
            case "fault" -> FaultWords.parse(w);
            default ->
                throw new IllegalArgumentException(
                        "unknown action '" + w[0] + "'; expected one of: " + String.join(", ", VERBS));
        };
    }

    private static Action tester(String[] w) {
        String form = "tester fast-init | 5baud-init | send HEX... | raw HEX... | inter-byte DURATION"
                + " | unlock [wrong-key] | module-search | send-to MODULE HEX...";
        String what = oneOf(
                arg(w, 1, form),
                "fast-init",
                "5baud-init",
                "send",
                "raw",
                "inter-byte",
                "unlock",
                "module-search",
                "send-to");
        String rest = String.join(" ", Arrays.copyOfRange(w, 2, w.length));
        return switch (what) {
            case "fast-init" -> {
                last(w, 1, "tester fast-init");
                yield new Action.TesterInit(Init.FAST);
            }
            case "5baud-init" -> {
                last(w, 1, "tester 5baud-init");
                yield new Action.TesterInit(Init.FIVE_BAUD);
            }
            case "send-to" -> {
                if (w.length < 4) {
                    throw new IllegalArgumentException(
                            "expected 'tester send-to MODULE HEX...' with a module's name and at least one byte");
                }
                yield new Action.TesterSendTo(w[2], Hex.parse(String.join(" ", Arrays.copyOfRange(w, 3, w.length))));
            }
            case "module-search" -> {
                last(w, 1, "tester module-search");
                yield new Action.TesterModuleSearch();
            }
            case "inter-byte" -> new Action.TesterInterByte(interByte(last(w, 2, "tester inter-byte DURATION")));
            case "unlock" -> {
                if (w.length > 3 || (w.length == 3 && !w[2].equalsIgnoreCase("wrong-key"))) {
                    throw new IllegalArgumentException("expected 'tester unlock' or 'tester unlock wrong-key'");
                }
                yield new Action.TesterUnlock(w.length == 3);
            }
            default -> {
                if (rest.isBlank()) {
                    throw new IllegalArgumentException("expected 'tester " + what + " HEX...' with at least one byte");
                }
                byte[] bytes = Hex.parse(rest);
                yield what.equals("send") ? new Action.TesterSend(bytes) : new Action.TesterRaw(bytes);
            }
        };
    }

    /**
     * The tester's gap between its bytes: not negative (a byte sent before the one before it
     * would put a frame on the line backwards), and at most {@link #MAX_INTER_BYTE}.
     */
    private static long interByte(String text) {
        long gap = Durations.parse(text);
        if (gap < 0 || gap > MAX_INTER_BYTE) {
            throw new IllegalArgumentException("'tester inter-byte' takes a gap from 0s to "
                    + Durations.format(MAX_INTER_BYTE) + ", not " + text
                    + " (the shipped profiles' modules drop a request after 10 to 20 ms of silence inside it)");
        }
        return gap;
    }

    private static Action press(String[] w) {
        String form = "press KEY BUTTON... [for DURATION]";
        int end = w.length;
        long hold = DEFAULT_PRESS_NANOS;
        for (int i = 2; i < w.length; i++) {
            // "for" is the last word but one: "for 2 s" or a bare "for" would read as a button
            if (w[i].equalsIgnoreCase("for") && i != w.length - 2) {
                throw new IllegalArgumentException("'" + form + "': 'for' takes one duration, written without a"
                        + " space (for 2s), "
                        + (i == w.length - 1
                                ? "and none follows"
                                : "not '" + String.join(" ", Arrays.copyOfRange(w, i + 1, w.length)) + "'"));
            }
        }
        if (w.length >= 2 && w[w.length - 2].equalsIgnoreCase("for")) {
            hold = Durations.parse(w[w.length - 1]);
            if (hold <= 0) {
                throw new IllegalArgumentException("a press lasts more than 0s");
            }
            end = w.length - 2;
        }
        return new Action.Press(arg(w, 1, form), buttons(w, 2, end, form), hold);
    }

    private static List<Button> buttons(String[] w, int from, int to, String form) {
        if (to <= from) {
            throw new IllegalArgumentException("expected '" + form + "' with buttons lock and/or unlock");
        }
        List<Button> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String b = w[i].toUpperCase(Locale.ROOT);
            if (b.equals("FOR") && !form.startsWith("press")) {
                throw new IllegalArgumentException("'" + form + "' takes no 'for': it keeps the buttons down until"
                        + " a 'release' step (hold) or lets them go at once (release); 'press KEY BUTTON... for"
                        + " DURATION' holds them for a time");
            }
            try {
                out.add(Button.valueOf(b));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown button '" + w[i] + "' in '" + form + "'; the buttons are lock and unlock");
            }
        }
        return out;
    }

    private static int position(String p) {
        return switch (p.toLowerCase(Locale.ROOT)) {
            case "0", "off" -> 0;
            case "1", "acc", "accessory" -> 1;
            case "2", "run", "on" -> 2;
            case "3", "start" -> 3;
            default ->
                throw new IllegalArgumentException(
                        "unknown ignition position '" + p + "'; expected 0 (off), 1 (acc), 2 (run) or 3 (start)");
        };
    }

    private static LockState lock(String s) {
        return oneOf(s, "lock", "unlock").equals("lock") ? LockState.LOCKED : LockState.UNLOCKED;
    }

    private static String arg(String[] w, int i, String form) {
        if (w.length <= i) {
            throw new IllegalArgumentException("expected '" + form + "'");
        }
        return w[i];
    }

    /** Word {@code i}, which ends the action: words after it are an error, not ignored. */
    private static String last(String[] w, int i, String form) {
        String word = arg(w, i, form);
        if (w.length > i + 1) {
            throw new IllegalArgumentException("'" + form + "' takes nothing after '" + word + "', not '"
                    + String.join(" ", Arrays.copyOfRange(w, i + 1, w.length)) + "'");
        }
        return word;
    }

    private static String oneOf(String s, String... options) {
        String l = s.toLowerCase(Locale.ROOT);
        if (Arrays.asList(options).contains(l)) {
            return l;
        }
        throw new IllegalArgumentException("'" + s + "' is not one of: " + String.join(", ", options));
    }
}
