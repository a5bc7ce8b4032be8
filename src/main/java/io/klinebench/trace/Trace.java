package io.klinebench.trace;

import io.klinebench.config.ConfigException;
import io.klinebench.config.Pos;
import io.klinebench.line.TraceEntry;
import io.klinebench.time.CpuStop;
import io.klinebench.time.CpuStops;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A trace file as read: what it says of itself, its entries in file order, and the answers the
 * module was told to break ({@code # injected:} lines), so a judge never takes them for the
 * module's own timing, and the machine's stops the sim saw ({@code # cpu-stop:} lines), so a
 * judge widens the gaps they held as the sim did.
 *
 * @param said where the file said each field of its header (the place of its value), for an error
 *     about what it says (a profile there is none of): empty for a trace made in memory
 */
public record Trace(
        TraceHeader header,
        List<TraceEntry> entries,
        List<Injected> injected,
        List<CpuStop> cpuStops,
        Map<TraceHeader.Field, Pos> said) {
    public Trace {
        Objects.requireNonNull(header, "header");
        entries = List.copyOf(entries);
        injected = List.copyOf(injected);
        cpuStops = List.copyOf(cpuStops);
        said = Map.copyOf(said);
    }

    public Trace(TraceHeader header, List<TraceEntry> entries, List<Injected> injected, List<CpuStop> cpuStops) {
        this(header, entries, injected, cpuStops, Map.of());
    }

    /** Where the file said {@code field} of its header, if it said it. */
    public Optional<Pos> said(TraceHeader.Field field) {
        return Optional.ofNullable(said.get(field));
    }

    /**
     * {@code e}, an error about the value of {@code field}, at the place the file said it (a
     * profile the header names, that the catalog has not: "t.trace:2:12: profile 'r99': no such
     * profile..."); as it is when the file did not say it.
     */
    public ConfigException at(TraceHeader.Field field, ConfigException e) {
        return said(field).map(p -> new ConfigException(p, e.getMessage())).orElse(e);
    }

    /** An error about the value of {@code field}, at the place the file said it, else naming {@code file}. */
    public ConfigException error(TraceHeader.Field field, String file, String message) {
        return said(field)
                .map(p -> new ConfigException(p, message))
                .orElseGet(() -> new ConfigException(file, message));
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
