package io.klinebench.kline;

import io.klinebench.line.Bytes;
import io.klinebench.line.Direction;
import io.klinebench.line.LineEndpoint;
import io.klinebench.time.Clock;
import io.klinebench.time.Durations;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A module search as BMW's testers make it on the R50/R53's K-lines: each address the tester
 * knows (one per group file) is asked for its identification in turn, in that address's
 * protocol, and a module that does not answer within the response timeout is taken to be
 * absent; the next address is asked the request gap after the answer, or after the timeout.
 * Each probe is said as a {@link LinkEvent.ModuleProbed}. Runs on the clock: {@link #start}
 * returns at once.
 *
 * <p>On a real line an address is asked once more, and the repeat said as a {@link
 * LinkEvent.Ignored}, when its silence says nothing of whether the module is there: our request
 * went out spread beyond what a module takes, or the module's answer reached us broken (ISO
 * 14230-2 lets a tester repeat a request in both cases, as {@code PortTester} does).
 */
public final class ModuleSearch {

    /** The protocols of the R50/R53 lines, as configuration writes them. */
    public enum Kind {
        /** BMW DS2, the body modules on pin 8: ident is job 00. */
        DS2("ds2"),
        /** BMW KWP2000* (concept 0x010D), the engine line on pin 7: ident is 1A 80. */
        KWP2000_STAR("kwp2000-star");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** The kind configuration calls {@code id}, or null. */
        public static Kind of(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            return null;
        }

        byte[] identRequest() {
            return this == DS2 ? new byte[] {0x00} : new byte[] {0x1A, (byte) 0x80};
        }
    }

    /** One address a tester asks: the module it expects there, by name. */
    public record Probe(String module, int address, Kind kind) {
        public Probe {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(kind, "kind");
            if (address < 0 || address > 0xFF) {
                throw new IllegalArgumentException("an address is a byte, 00..FF");
            }
        }
    }

    /** The tester's address on the KWP2000* line (EDIABAS's tester address). */
    public static final int TESTER_ADDRESS = 0xF1;

    private final Clock clock;
    private final LineEndpoint line;
    private final Ds2Timing timing;
    private final List<Probe> probes;
    private final Consumer<LinkEvent> events;
    private final LineConditions conditions;
    private int next;
    private Probe current;
    /** Whether the current probe was asked again already (real lines only: see {@link #onEvent}). */
    private boolean askedAgain;
    /** What our link layer dropped of the current probe's answer (its answer, broken), or null. */
    private LinkEvent.FrameDropped answerBroken;

    private long interByte = -1;
    private Clock.Scheduled timeout;

    /**
     * @param line   the tester's end of the line (the cable's K wire)
     * @param timing the tester's timing: the response timeout it waits and the gap it keeps
     * @param probes the addresses to ask, in order
     */
    public ModuleSearch(
            Clock clock, LineEndpoint line, Ds2Timing timing, List<Probe> probes, Consumer<LinkEvent> events) {
        this(clock, line, LineConditions.bench(), timing, probes, events);
    }

    /**
     * A search on a real line (a port): {@code conditions} say whether our bytes come back and
     * how late an answer may be stamped; a module is taken to be absent only when its answer has
     * not begun within the response timeout plus that uncertainty (unless strict).
     */
    public ModuleSearch(
            Clock clock,
            LineEndpoint line,
            LineConditions conditions,
            Ds2Timing timing,
            List<Probe> probes,
            Consumer<LinkEvent> events) {
        this.conditions = conditions;
        this.clock = clock;
        this.line = line;
        this.timing = timing;
        this.probes = List.copyOf(probes);
        this.events = events;
    }

    /** The gap the testers leave between their request's bytes (a real line's: the protocol's {@code realLineInterByte}). */
    public ModuleSearch interByte(long nanos) {
        this.interByte = nanos;
        return this;
    }

    /** Asks the first address now; the rest follow on the clock. */
    public void start() {
        next = 0;
        probeNext();
    }

    private void probeNext() {
        if (next >= probes.size()) {
            current = null;
            return;
        }
        ask(probes.get(next++));
    }

    private void ask(Probe p) {
        current = p;
        answerBroken = null;
        timeout = null; // set when this probe's request is on the line
        Consumer<LinkEvent> heard = e -> onEvent(p, e);
        Tester tester = p.kind() == Kind.DS2
                ? new Ds2Tester(clock, line, conditions, p.address(), timing, heard)
                : new KwpStarTester(clock, line, conditions, p.address(), TESTER_ADDRESS, timing, heard);
        if (interByte >= 0) {
            tester.setInterByte(interByte);
        }
        tester.send(p.kind().identRequest());
    }

    private void onEvent(Probe p, LinkEvent e) {
        if (p != current) {
            return; // a late answer to an earlier probe: that probe is over
        }
        if (e instanceof LinkEvent.FrameSent s && s.from() == Direction.TESTER) {
            long waited = timing.responseTimeout() + conditions.tolerance();
            long spread = s.at() - s.firstAt();
            long allowed = (s.hex().length() - 1) * Math.max(interByte, 0) + timing.testerInterByteMax();
            timeout = clock.schedule(s.at() + waited, () -> {
                String again = !conditions.lenientInits() || askedAgain ? null : whyAskAgain(spread, allowed);
                if (again != null) {
                    askedAgain = true;
                    events.accept(new LinkEvent.Ignored(
                            s.at() + waited,
                            String.format(Locale.ROOT, "module search: %s %02X %s", p.module(), p.address(), s.hex()),
                            again + "; asked again"));
                    clock.schedule(clock.nanos() + timing.minRequestGap(), () -> ask(p));
                    return;
                }
                askedAgain = false;
                said(p, s.at() + waited, false, Bytes.of());
                clock.schedule(clock.nanos() + timing.minRequestGap(), this::probeNext);
            });
        } else if (e instanceof LinkEvent.TesterReceived r) {
            if (timeout != null) {
                timeout.cancel();
            }
            askedAgain = false;
            said(p, r.at(), true, r.data());
            current = null;
            clock.schedule(r.at() + timing.minRequestGap(), this::probeNext);
        } else {
            if (e instanceof LinkEvent.FrameDropped d
                    && d.by() == Direction.TESTER
                    && timeout != null
                    && answerBroken == null) {
                answerBroken = d;
            }
            events.accept(e);
        }
    }

    /**
     * Why the current probe, unanswered, is worth asking again on a real line, or null. On such
     * a line this machine can hold the tester between its bytes, or hold the module's answer
     * on its way to us (a stall under load): the module was right to drop such a request, and
     * an answer that came broken shows the module is there.
     */
    private String whyAskAgain(long spread, long allowed) {
        if (answerBroken != null) {
            return "its answer reached us broken (" + answerBroken.reason() + ": " + answerBroken.hex() + ")";
        }
        if (spread > allowed) {
            return "no answer, and our request went out with its bytes spread over " + Durations.format(spread)
                    + ", beyond the " + Durations.format(allowed)
                    + " a module takes (this machine kept the tester waiting)";
        }
        return null;
    }

    private void said(Probe p, long at, boolean answered, Bytes data) {
        if (!answered) {
            current = null;
        }
        events.accept(new LinkEvent.ModuleProbed(
                at,
                p.module(),
                String.format(Locale.ROOT, "%02X", p.address()),
                p.kind().id(),
                answered,
                data));
    }
}
