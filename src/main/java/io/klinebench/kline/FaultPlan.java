package io.klinebench.kline;

import io.klinebench.line.Bytes;
import io.klinebench.line.EchoShaper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The faults the module's link layer is told to make, and in which answers ({@link FaultTrigger}).
 * The link layer hands every answer it is about to send to {@link #shape}, and sends what comes
 * back: the frame as the module built it, or with the faults made. Not thread-safe: used on the
 * link's clock, as the link itself.
 */
public final class FaultPlan {

    /** A fault waiting for its answer: armed after {@code armedAfter} answers, with its own random source. */
    public record Armed(Fault fault, FaultTrigger trigger, long armedAfter, SplittableRandom random) {
        public String text() {
            return fault.text() + " " + trigger.text();
        }
    }

    /**
     * An answer as it goes out: its bytes and each byte's instant, and the faults made in it.
     * No bytes: the answer is not sent at all.
     */
    public record Transmission(byte[] bytes, long[] at, List<Armed> injected) {
        public Transmission {
            bytes = bytes.clone();
            at = at.clone();
            injected = List.copyOf(injected);
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public long[] at() {
            return at.clone();
        }

        /** The fault of kind {@code kind} made in this answer, if one was. */
        public <T extends Fault> Optional<T> made(Class<T> kind) {
            for (Armed a : injected) {
                if (kind.isInstance(a.fault())) {
                    return Optional.of(kind.cast(a.fault()));
                }
            }
            return Optional.empty();
        }
    }

    private final List<Armed> armed = new ArrayList<>();
    private final EchoFaults echoes = new EchoFaults();
    private String echoNotOurs = "nothing on this line echoes the tester's bytes";
    private final Function<Fault, String> cannotMake;
    private long answers;

    /** A plan for a K-line module: it makes every kind of fault but those of CAN frames, which a K-line has not. */
    public FaultPlan() {
        this(FaultPlan::kLineCannotMake);
    }

    /** Why a K-line module cannot make {@code fault} (a fault of CAN frames), or null. */
    public static String kLineCannotMake(Fault fault) {
        return fault instanceof Fault.CanFault ? "a K-line carries no CAN frames (a fault of D-CAN)" : null;
    }

    /** @param cannotMake why the module cannot make a kind of fault (DS2 has no session), or null when it can */
    public FaultPlan(Function<Fault, String> cannotMake) {
        this.cannotMake = cannotMake;
    }

    /**
     * Arms {@code fault} for the answers {@code trigger} picks; throws IllegalArgumentException
     * saying why when it cannot be made here (an echo fault where our side makes no echo, or
     * one that waits for a named request).
     */
    public void arm(Fault fault, FaultTrigger trigger) {
        String cannot = cannotMake.apply(fault);
        if (cannot != null) {
            throw new IllegalArgumentException("'fault " + fault.text() + "' cannot be made: " + cannot);
        }
        if (fault instanceof Fault.EchoFault e) {
            if (echoNotOurs != null) {
                throw new IllegalArgumentException("'fault " + e.text() + "' cannot be made here: " + echoNotOurs);
            }
            echoes.arm(e, trigger);
            return;
        }
        armed.add(new Armed(fault, trigger, answers, new SplittableRandom(trigger.seed())));
    }

    /**
     * The echo of the tester's bytes, with the armed echo faults made in it: for whoever makes
     * that echo on our side (the bench's line, the simulator's side of a virtual pair), which
     * then lets echo faults be armed.
     */
    public EchoShaper echoes() {
        echoNotOurs = null;
        return echoes;
    }

    /** Tells why echo faults cannot be made (the cable echoes on a real K-line). */
    public void echoIsNotOurs(String why) {
        echoNotOurs = why;
    }

    /** The echo faults made since last asked, each said once by the link when the request is decoded. */
    List<Armed> echoFaultsMade() {
        return echoes.made();
    }

    /** How many answers were shaped so far (a trigger "after N" counts from here). */
    public long answers() {
        return answers;
    }

    /** Whether no fault is waiting. */
    public boolean isEmpty() {
        return armed.isEmpty() && echoes.isEmpty();
    }

    /**
     * How many responsePending answers to send before the answer to {@code request}: the count
     * of an armed {@link Fault.Pending} whose trigger picks the coming answer (then made, and
     * said through {@code made}), else 0. Asked by a KWP2000 link before it answers.
     */
    public int pendingBefore(Bytes request, Consumer<Armed> made) {
        for (Iterator<Armed> it = armed.iterator(); it.hasNext(); ) {
            Armed a = it.next();
            if (a.fault() instanceof Fault.Pending p
                    && a.trigger().fires(request, answers + 1 - a.armedAfter(), a.random())) {
                if (a.trigger().once()) {
                    it.remove();
                }
                made.accept(a);
                return p.times();
            }
        }
        return 0;
    }

    /**
     * The answer {@code frame} to {@code request} (which ended at {@code requestEnd}), its first
     * byte at {@code first} and each next one {@code gap} later, with every armed fault whose
     * trigger picks it made in it.
     */
    public Transmission shape(Bytes request, byte[] frame, long requestEnd, long first, long gap) {
        return shape(request, frame, Layout.NONE, requestEnd, first, gap);
    }

    /**
     * Where a frame names its sender and how its checksum is made, for {@link Fault.WrongSource}.
     *
     * @param sourceIndex the sender's byte (-1: none, a KWP2000 header without addresses)
     * @param xor         DS2's XOR of all bytes; else KWP2000's sum modulo 256
     */
    public record Layout(int sourceIndex, boolean xor) {
        public static final Layout NONE = new Layout(-1, false);
    }

    /** As above, for a frame laid out as {@code layout} says. */
    public Transmission shape(Bytes request, byte[] frame, Layout layout, long requestEnd, long first, long gap) {
        answers++;
        echoes.answered();
        if (armed.isEmpty()) {
            // the usual answer, on the real-time byte path: as built, no lists, no boxing
            long[] at = new long[frame.length];
            for (int i = 0; i < at.length; i++) {
                at[i] = first + i * gap;
            }
            return new Transmission(frame, at, List.of());
        }
        List<Armed> made = new ArrayList<>();
        for (Iterator<Armed> it = armed.iterator(); it.hasNext(); ) {
            Armed a = it.next();
            if (a.fault() instanceof Fault.Pending) {
                continue; // made before the answer, by the link (pendingBefore)
            }
            if (a.trigger().fires(request, answers - a.armedAfter(), a.random())) {
                made.add(a);
                if (a.trigger().once()) {
                    it.remove();
                }
            }
        }
        List<Integer> bytes = new ArrayList<>();
        List<Long> at = new ArrayList<>();
        long t = first;
        for (byte b : frame) {
            bytes.add(b & 0xFF);
            at.add(t);
            t += gap;
        }
        for (Armed a : made) {
            apply(a.fault(), bytes, at, gap, first - requestEnd, layout);
        }
        byte[] out = new byte[bytes.size()];
        long[] times = new long[at.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (int) bytes.get(i);
            times[i] = at.get(i);
        }
        return new Transmission(out, times, made);
    }

    /** The checksum of all bytes but the last, as the layout makes it. */
    private static int checksum(List<Integer> bytes, Layout layout) {
        int c = 0;
        for (int i = 0; i < bytes.size() - 1; i++) {
            c = layout.xor() ? c ^ bytes.get(i) : c + bytes.get(i);
        }
        return c & 0xFF;
    }

    private static void apply(Fault f, List<Integer> bytes, List<Long> at, long gap, long p2, Layout layout) {
        if (f instanceof Fault.Late l) {
            at.replaceAll(t -> t + l.nanos());
        } else if (f instanceof Fault.Stall s) {
            for (int i = s.afterByte(); i < at.size(); i++) {
                at.set(i, at.get(i) + s.nanos());
            }
        } else if (f instanceof Fault.DropByte d) {
            if (d.index() <= bytes.size()) {
                bytes.remove(d.index() - 1);
                at.remove(d.index() - 1);
            }
        } else if (f instanceof Fault.FlipByte x) {
            if (x.index() <= bytes.size()) {
                bytes.set(x.index() - 1, bytes.get(x.index() - 1) ^ x.mask());
            }
        } else if (f instanceof Fault.InsertByte x) {
            if (!bytes.isEmpty()) {
                // the new byte takes the place (and instant) of the one it goes before; the rest move a gap on
                int i = Math.min(x.index() - 1, bytes.size());
                long t = i < at.size() ? at.get(i) : at.get(i - 1) + gap;
                for (int k = i; k < at.size(); k++) {
                    at.set(k, at.get(k) + gap);
                }
                bytes.add(i, x.value());
                at.add(i, t);
            }
        } else if (f instanceof Fault.Twice) {
            if (!bytes.isEmpty()) {
                int n = bytes.size();
                long again = at.get(n - 1) + p2 - at.get(0);
                for (int k = 0; k < n; k++) {
                    bytes.add(bytes.get(k));
                    at.add(at.get(k) + again);
                }
            }
        } else if (f instanceof Fault.WrongSource w) {
            int i = layout.sourceIndex();
            if (i >= 0 && i < bytes.size() - 1) {
                // the checksum made to fit again: only the address is wrong
                bytes.set(i, w.address());
                bytes.set(bytes.size() - 1, checksum(bytes, layout));
            }
        } else if (f instanceof Fault.BadChecksum) {
            if (!bytes.isEmpty()) {
                bytes.set(bytes.size() - 1, bytes.get(bytes.size() - 1) ^ 0xFF);
            }
        } else if (f instanceof Fault.Collision c) {
            if (c.index() <= bytes.size()) {
                // wired-AND: the dominant low wins; the module reads back what it did not send and stops
                bytes.set(c.index() - 1, bytes.get(c.index() - 1) & c.value());
                bytes.subList(c.index(), bytes.size()).clear();
                at.subList(c.index(), at.size()).clear();
            }
        } else if (f instanceof Fault.Silent || f instanceof Fault.PowerDip || f instanceof Fault.EndSession) {
            // no answer: the link then does what the fault says (a dip, a session ended)
            bytes.clear();
            at.clear();
        }
    }
}
