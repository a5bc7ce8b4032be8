package io.klinebench.dcan;

import io.klinebench.kline.LinkEvent;
import io.klinebench.line.Bytes;
import io.klinebench.line.Direction;
import io.klinebench.line.LineEndpoint;
import io.klinebench.line.LineEvent;
import io.klinebench.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@link VirtualCanBus} joined to a real one over an slcan serial line, from either end of
 * the line:
 *
 * <pre>
 *   HOST     we drive an adapter (a CANable on /dev/ttyACM0): we send C, S6, O, then a t line
 *            for each frame of our nodes; its t lines are frames it heard on the bus
 *   ADAPTER  we are the adapter, the car's bus behind us (a pty any slcan host opens): we answer
 *            S, O, L, C, Z, V, N, F; once open, a host's t line goes on our bus and our bus's
 *            frames go to the host as t lines
 * </pre>
 *
 * What the line brings that is not slcan, a frame D-CAN does not carry, a refusal, a frame that
 * cannot go (the channel closed, the rate not D-CAN's) is a link event with the place and the
 * reason. A frame arriving is stamped with its carriage return: its end on the bus lies before
 * that by the adapter's and the line's delay, which is the line's stated uncertainty.
 */
public final class SlcanPort {

    /** Which end of the slcan line we are. */
    public enum Role {
        HOST,
        ADAPTER
    }

    /** S6: 500 kbit/s, the rate of D-CAN; S0..S8 are 10, 20, 50, 100, 125, 250, 500, 800, 1000 kbit/s. */
    static final char D_CAN_RATE = '6';

    private static final int[] RATES_KBIT = {10, 20, 50, 100, 125, 250, 500, 800, 1000};

    private final Clock clock;
    private final LineEndpoint line;
    private final Role role;
    private final VirtualCanBus bus;
    private final Direction remote;
    private final Consumer<LinkEvent> events;
    private final SlcanDecoder decoder = new SlcanDecoder(this::read);
    /** Our own bytes, to be heard back on a line that echoes (the bench's, a warm-up's), and swallowed there. */
    private final ArrayDeque<Integer> echo = new ArrayDeque<>();

    private final boolean hearsOwnBytes;
    /** ADAPTER: the rate the host asked for (0: none yet), whether open, listen only, timestamps on. */
    private char rate;

    private boolean open;
    private boolean listenOnly;
    private boolean stamps;
    /** HOST: how often the opening is sent again while the adapter is silent, and how often at most. */
    static final long OPENING_AGAIN = 250_000_000L;

    static final int OPENINGS = 8;
    /** HOST: whether the adapter has said anything since we opened it; the frames held until it does. */
    private boolean adapterHeard;

    private int openings;
    private final ArrayDeque<CanFrame> held = new ArrayDeque<>();
    /** HOST: the last command we sent, for what the adapter's BEL refused. */
    private String lastCommand = "";

    /**
     * On {@code line}, joined to {@code bus}; the frames coming in are the {@code remote} side's.
     * A host opens the adapter at once.
     *
     * @param hearsOwnBytes whether {@code line} brings our bytes back (the bench's line): they are swallowed
     */
    public SlcanPort(
            Clock clock,
            LineEndpoint line,
            boolean hearsOwnBytes,
            Role role,
            VirtualCanBus bus,
            Direction remote,
            Consumer<LinkEvent> events) {
        this.hearsOwnBytes = hearsOwnBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.line = Objects.requireNonNull(line, "line");
        this.role = Objects.requireNonNull(role, "role");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.remote = Objects.requireNonNull(remote, "remote");
        this.events = Objects.requireNonNull(events, "events");
        line.onReceive(this::received);
        bus.goingOut(this::out);
        if (role == Role.HOST) {
            clock.schedule(clock.nanos(), this::openAdapter);
        }
    }

    /**
     * HOST: as slcand does, closes what a previous user left open, sets 500 kbit/s and opens;
     * again every {@link #OPENING_AGAIN} until the adapter is heard (the port may open after us,
     * an adapter may be plugged in late), at most {@link #OPENINGS} times: some CANable firmware
     * answers no command, and then frames go without its word.
     */
    private void openAdapter() {
        if (adapterHeard) {
            return;
        }
        if (openings == OPENINGS) {
            events.accept(new LinkEvent.Ignored(
                    clock.nanos(),
                    "the adapter",
                    "answered none of " + OPENINGS + " openings (C, S6, O); sending as if open"));
            ready();
            return;
        }
        openings++;
        for (String c : new String[] {"C", "S" + D_CAN_RATE, "O"}) {
            lastCommand = c;
            write(c + '\r');
        }
        clock.schedule(clock.nanos() + OPENING_AGAIN, this::openAdapter);
    }

    /** HOST: the adapter is open; the frames held until then go, in their order. */
    private void ready() {
        adapterHeard = true;
        while (!held.isEmpty()) {
            write(Slcan.line(held.poll()));
        }
    }

    private void received(LineEvent e) {
        if (e instanceof LineEvent.Byte b) {
            if (!echo.isEmpty() && echo.peek() == b.value()) {
                echo.poll();
                return;
            }
            decoder.feed(b.value(), b.at());
        } else {
            events.accept(new LinkEvent.Ignored(e.at(), "a K-line init", "an slcan line carries text, not inits"));
        }
    }

    private void read(SlcanDecoder.Read r) {
        SlcanMessage m = r.message();
        if (role == Role.HOST && !adapterHeard) {
            ready();
        }
        if (m instanceof SlcanMessage.Bad bad) {
            events.accept(new LinkEvent.FrameDropped(
                    r.at(),
                    ours(),
                    "not_slcan",
                    Bytes.of(bad.line().getBytes(StandardCharsets.ISO_8859_1)),
                    bad.describe()));
        } else if (m instanceof SlcanMessage.NotForDCan n) {
            events.accept(new LinkEvent.Ignored(r.at(), "slcan line \"" + n.line() + "\"", n.why()));
            if (role == Role.ADAPTER) {
                write(open && !listenOnly ? "z\r" : "\u0007"); // an adapter sends it on its bus all the same
            }
        } else if (m instanceof SlcanMessage.Frame f) {
            frame(f.frame(), r.at());
        } else if (role == Role.ADAPTER) {
            command(m, r.at());
        } else if (m instanceof SlcanMessage.Error) {
            events.accept(
                    new LinkEvent.Ignored(r.at(), "the adapter", "answered BEL (error), last asked: " + lastCommand));
        } else if (m instanceof SlcanMessage.Command c) {
            events.accept(new LinkEvent.Ignored(
                    r.at(),
                    "slcan line \"" + c.code() + c.argument() + "\"",
                    "not a frame, and no answer we asked for"));
        }
        // HOST: a carriage return (done) or z (taken) needs nothing
    }

    private void frame(CanFrame frame, long at) {
        if (role == Role.ADAPTER) {
            String why = !open
                    ? "the channel is closed (O opens it)"
                    : listenOnly ? "the channel is open listen-only (L)" : rate != D_CAN_RATE ? wrongRate() : null;
            if (why != null) {
                events.accept(new LinkEvent.Ignored(at, "slcan frame " + frame, "not sent on the bus: " + why));
                write("\u0007");
                return;
            }
            write("z\r");
        }
        bus.heard(frame, remote, at);
    }

    private String wrongRate() {
        return "the adapter is set to " + RATES_KBIT[rate - '0'] + " kbit/s (S" + rate + "), the bus runs at 500 (S6)";
    }

    /** ADAPTER: a host's command, answered as a CANable-style adapter does. */
    private void command(SlcanMessage m, long at) {
        if (m instanceof SlcanMessage.Ok) {
            return; // hosts send bare carriage returns to flush the adapter's line buffer
        }
        if (!(m instanceof SlcanMessage.Command c)) {
            events.accept(new LinkEvent.Ignored(at, "slcan " + describe(m), "not a command; an adapter ignores it"));
            return;
        }
        String arg = c.argument();
        switch (c.code()) {
            case 'S':
                if (arg.length() != 1 || arg.charAt(0) < '0' || arg.charAt(0) > '8') {
                    refuse(at, c, "S takes one digit, 0..8");
                } else if (open) {
                    refuse(at, c, "the channel is open (C closes it first)");
                } else {
                    rate = arg.charAt(0);
                    if (rate != D_CAN_RATE) {
                        events.accept(
                                new LinkEvent.Ignored(at, "S" + arg, wrongRate() + ": no frame will pass until S6"));
                    }
                    write("\r");
                }
                break;
            case 'O':
            case 'L':
                if (open) {
                    refuse(at, c, "the channel is already open");
                } else if (rate == 0) {
                    refuse(at, c, "no bit rate set (S6 first)");
                } else {
                    open = true;
                    listenOnly = c.code() == 'L';
                    write("\r");
                }
                break;
            case 'C':
                open = false;
                write("\r");
                break;
            case 'Z':
                if (!arg.equals("0") && !arg.equals("1")) {
                    refuse(at, c, "Z takes 0 (timestamps off) or 1 (on)");
                } else {
                    stamps = arg.equals("1");
                    write("\r");
                }
                break;
            case 'V':
                write("V1013\r");
                break;
            case 'N':
                write("NKLBS\r");
                break;
            case 'F':
                write("F00\r");
                break;
            default:
                refuse(at, c, "not a command this adapter knows");
        }
    }

    private void refuse(long at, SlcanMessage.Command c, String why) {
        events.accept(new LinkEvent.Ignored(at, "slcan command " + c.code() + c.argument(), "answered BEL: " + why));
        write("\u0007");
    }

    /** A frame of our nodes, at its end on our end of the bus. */
    private void out(CanFrame frame) {
        if (role == Role.HOST) {
            if (adapterHeard) {
                write(Slcan.line(frame));
            } else {
                held.add(frame);
            }
        } else if (open) {
            write(stamps ? Slcan.line(frame, (int) ((clock.nanos() / 1_000_000L) % 60_000)) : Slcan.line(frame));
        } else {
            events.accept(new LinkEvent.Ignored(
                    clock.nanos(), "frame " + frame, "not heard by the host: the adapter's channel is closed"));
        }
    }

    private void write(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (hearsOwnBytes) {
                echo.add((int) text.charAt(i));
            }
            line.send(text.charAt(i));
        }
    }

    private Direction ours() {
        return remote == Direction.TESTER ? Direction.ECU : Direction.TESTER;
    }

    private static String describe(SlcanMessage m) {
        return m instanceof SlcanMessage.Ok ? "carriage return" : m.getClass().getSimpleName();
    }
}
