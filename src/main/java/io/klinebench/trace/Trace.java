package io.klinebench.trace;

import io.klinebench.line.TraceEntry;
import java.util.List;
import java.util.Objects;

/** A trace file as read: what it says of itself, and its entries in file order. */
public record Trace(TraceHeader header, List<TraceEntry> entries) {
    public Trace {
        Objects.requireNonNull(header, "header");
        entries = List.copyOf(entries);
    }
}
