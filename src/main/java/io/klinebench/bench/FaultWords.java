package io.klinebench.bench;

import io.klinebench.kline.Fault;
import io.klinebench.kline.FaultTrigger;
import io.klinebench.line.Bytes;
import io.klinebench.line.Hex;
import io.klinebench.time.Durations;
import java.util.Arrays;
import java.util.Locale;

/**
 * The words of a fault step, {@code fault KIND [ARGS] [at HEX... | after N | chance P [seed S]]}:
 * the same in sequences, on the sim's console and on its control port. Without a trigger the
 * fault is made in the next answer.
 */
final class FaultWords {

    static final String FORM = "fault late DURATION | stall BYTE DURATION | drop-byte BYTE | flip-byte BYTE MASK"
            + " | insert-byte BYTE VALUE | wrong-source ADDRESS | pending N | bad-checksum | twice | silent"
            + " | collision BYTE VALUE | power-dip DURATION | end-session | no-echo | garble-echo BYTE MASK"
            + " | lose-frame FRAME | late-frame FRAME DURATION | wrong-sequence FRAME | lose-flow-control"
            + " | late-flow-control DURATION (the last five: D-CAN's CAN frames),"
            + " then optionally: at HEX... | after N | chance P [seed S]";

    private FaultWords() {}

    static Action.InjectFault parse(String[] w) {
        if (w.length < 2) {
            throw new IllegalArgumentException("expected " + FORM);
        }
        String kind = w[1].toLowerCase(Locale.ROOT);
        int args = switch (kind) {
            case "late", "drop-byte", "pending", "wrong-source", "power-dip" -> 1;
            case "lose-frame", "wrong-sequence", "late-flow-control" -> 1;
            case "stall", "flip-byte", "insert-byte", "collision", "garble-echo", "late-frame" -> 2;
            case "bad-checksum", "twice", "silent", "end-session", "no-echo", "lose-flow-control" -> 0;
            default -> throw new IllegalArgumentException("unknown fault '" + w[1] + "'; expected " + FORM);
        };
        if (w.length < 2 + args) {
            throw new IllegalArgumentException("'fault " + kind + "' needs " + args + " value(s): " + FORM);
        }
        Fault fault = switch (kind) {
            case "late" -> new Fault.Late(Durations.parse(w[2]));
            case "stall" -> new Fault.Stall(count(w[2], "stall's byte"), Durations.parse(w[3]));
            case "drop-byte" -> new Fault.DropByte(count(w[2], "drop-byte's byte"));
            case "flip-byte" -> new Fault.FlipByte(count(w[2], "flip-byte's byte"), hexByte(w[3], "flip-byte's mask"));
            case "insert-byte" ->
                new Fault.InsertByte(count(w[2], "insert-byte's position"), hexByte(w[3], "insert-byte's value"));
            case "pending" -> new Fault.Pending(count(w[2], "pending's count"));
            case "wrong-source" -> new Fault.WrongSource(hexByte(w[2], "wrong-source's address"));
            case "bad-checksum" -> new Fault.BadChecksum();
            case "twice" -> new Fault.Twice();
            case "collision" ->
                new Fault.Collision(count(w[2], "collision's byte"), hexByte(w[3], "collision's value"));
            case "power-dip" -> new Fault.PowerDip(Durations.parse(w[2]));
            case "end-session" -> new Fault.EndSession();
            case "no-echo" -> new Fault.NoEcho();
            case "garble-echo" ->
                new Fault.GarbledEcho(count(w[2], "garble-echo's byte"), hexByte(w[3], "garble-echo's mask"));
            case "lose-frame" -> new Fault.LoseFrame(count(w[2], "lose-frame's frame"));
            case "late-frame" -> new Fault.LateFrame(count(w[2], "late-frame's frame"), Durations.parse(w[3]));
            case "wrong-sequence" -> new Fault.WrongSequence(count(w[2], "wrong-sequence's frame"));
            case "lose-flow-control" -> new Fault.LoseFlowControl();
            case "late-flow-control" -> new Fault.LateFlowControl(Durations.parse(w[2]));
            default -> new Fault.Silent();
        };
        FaultTrigger trigger = trigger(Arrays.copyOfRange(w, 2 + args, w.length));
        if (fault instanceof Fault.EchoFault && trigger instanceof FaultTrigger.AtRequest) {
            throw new IllegalArgumentException("'fault " + fault.text() + "' cannot wait for a named request: the"
                    + " echo of each byte comes before the request is known; use 'after N' or 'chance P'");
        }
        return new Action.InjectFault(fault, trigger);
    }

    private static FaultTrigger trigger(String[] w) {
        if (w.length == 0) {
            return new FaultTrigger.After(0);
        }
        String how = w[0].toLowerCase(Locale.ROOT);
        switch (how) {
            case "at" -> {
                if (w.length < 2) {
                    throw new IllegalArgumentException("'at' needs the request's first bytes (at 21 01)");
                }
                return new FaultTrigger.AtRequest(
                        Bytes.of(Hex.parse(String.join(" ", Arrays.copyOfRange(w, 1, w.length)))));
            }
            case "after" -> {
                if (w.length != 2) {
                    throw new IllegalArgumentException("expected 'after N' (answers to let pass first)");
                }
                return new FaultTrigger.After(count(w[1], "after's count"));
            }
            case "chance" -> {
                if (w.length != 2 && !(w.length == 4 && w[2].equalsIgnoreCase("seed"))) {
                    throw new IllegalArgumentException("expected 'chance P' or 'chance P seed S'");
                }
                double p;
                try {
                    p = Double.parseDouble(w[1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + w[1] + "' is not a probability (0.25)");
                }
                long seed = w.length == 4 ? count(w[3], "seed") : 1;
                return new FaultTrigger.Chance(p, seed);
            }
            default ->
                throw new IllegalArgumentException(
                        "'" + w[0] + "' is no trigger; expected at HEX... | after N | chance P [seed S]");
        }
    }

    private static int hexByte(String text, String what) {
        try {
            int v = Integer.parseInt(text, 16);
            if (v < 0 || v > 0xFF) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is a byte in hex (00..FF), not '" + text + "'");
        }
    }

    private static int count(String text, String what) {
        if (!text.matches("-?[0-9]+")) {
            throw new IllegalArgumentException(what + " is a whole number, not '" + text + "'");
        }
        long n;
        try {
            n = Long.parseLong(text);
        } catch (NumberFormatException e) {
            n = text.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE; // beyond any range below
        }
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    what + " is 0.." + Integer.MAX_VALUE + ", not " + text + (n < 0 ? " (negative)" : " (too large)"));
        }
        return (int) n;
    }
}
