package io.klinebench.trace;

import io.klinebench.line.TraceEntry;
import io.klinebench.time.CpuStop;
import io.klinebench.time.CpuStops;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A trace file as read: what it says of itself, its entries in file order, and the answers the
 * module was told to break ({@code # injected:} lines), so a judge never takes them for the
 * module's own timing, and the machine's stops the sim saw ({@code # cpu-stop:} lines), so a
 * judge widens the gaps they held as the sim did.
 */
public record Trace(TraceHeader header, List<TraceEntry> entries, List<Injected> injected, List<CpuStop> cpuStops) {
    public Trace {
        Objects.requireNonNull(header, "header");
        entries = List.copyOf(entries);
        injected = List.copyOf(injected);
        cpuStops = List.copyOf(cpuStops);
    }

    public Trace(TraceHeader header, List<TraceEntry> entries, List<Injected> injected) {
        this(header, entries, injected, List.of());
    }

    /** The machine's stops the sim saw while it wrote the trace ({@code # cpu-stop:} lines), to judge its gaps by. */
    public CpuStops stops() {
        return CpuStops.of(cpuStops);
    }

    public Trace(TraceHeader header, List<TraceEntry> entries) {
        this(header, entries, List.of());
    }

    /**
     * An answer the module made a fault in on purpose: from when it was due to its last byte,
     * in the trace's times, and the fault in its step words ("late 15ms at 21 01").
     */
    public record Injected(long from, long until, String what) {
        /** Whether an instant of the module's lies in this answer. */
        public boolean covers(long at) {
            return at >= from && at <= until;
        }
    }

    /** The fault the module was told to make where {@code at} lies, if it was told to. */
    public Optional<Injected> injectedAt(long at) {
        return injected.stream().filter(i -> i.covers(at)).findFirst();
    }
}
