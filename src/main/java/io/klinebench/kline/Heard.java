package io.klinebench.kline;

import io.klinebench.line.Direction;
import io.klinebench.line.Hex;
import io.klinebench.line.TraceEntry;
import java.util.List;
import java.util.Optional;

/**
 * What a listener on a K-line made of the bytes it heard ({@link SideSplitter}): each entry
 * carries the trace entries it stands for, with the side they are written down for.
 */
public sealed interface Heard {

    /** The trace entries, in the order heard, each with its side. */
    List<TraceEntry> entries();

    /** A whole frame (length and checksum right), and how its side was told. */
    record Frame(Direction side, String toldBy, List<TraceEntry> entries) implements Heard {
        public Frame {
            entries = List.copyOf(entries);
        }

        public byte[] bytes() {
            byte[] b = new byte[entries.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) entries.get(i).value();
            }
            return b;
        }

        public long firstAt() {
            return entries.get(0).at();
        }

        public long lastAt() {
            return entries.get(entries.size() - 1).at();
        }

        @Override
        public String toString() {
            return side + " " + Hex.of(bytes());
        }
    }

    /** A wake-up or a 5-baud byte, as the K-line layer recognises it on a line that cannot show it (one entry). */
    record Init(TraceEntry entry) implements Heard {
        @Override
        public List<TraceEntry> entries() {
            return List.of(entry);
        }
    }

    /**
     * Bytes that are no whole frame (cut off, garbled, or a length that cannot be): why, and the
     * side their header names when it names one; else written down for the side whose turn it
     * was, and said to be a guess.
     */
    record Unattributed(Decoded.Reason why, Optional<Direction> side, List<TraceEntry> entries) implements Heard {
        public Unattributed {
            entries = List.copyOf(entries);
        }

        public String hex() {
            StringBuilder s = new StringBuilder();
            for (TraceEntry e : entries) {
                s.append(s.length() == 0 ? "" : " ").append(String.format("%02X", e.value()));
            }
            return s.toString();
        }
    }
}
