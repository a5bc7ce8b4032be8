package io.klinebench.protocol;

import io.klinebench.kline.Decoded;
import io.klinebench.kline.FrameDecoder;
import io.klinebench.line.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Takes one whole frame apart with a protocol's own decoder, as the link layers read it. */
final class Unframing {

    /** A protocol's checksum of a frame's bytes before it. */
    @FunctionalInterface
    interface Checksum {
        int of(byte[] frame, int from, int to);
    }

    /** The decoder's inter-byte limit here: the bytes come at one instant, so none. */
    static final long NO_LIMIT = Long.MAX_VALUE / 4;

    private Unframing() {}

    /**
     * The one frame {@code frame} is, through {@code decoder} (fed all at one instant), made into
     * parts by {@code parts}; without its checksum ({@code withChecksum} false) the frame's own
     * checksum is put on first.
     *
     * @throws IllegalArgumentException saying why the bytes are not exactly one whole frame
     */
    static <F> FrameParts of(
            byte[] frame,
            boolean withChecksum,
            Checksum checksum,
            FrameDecoder<F> decoder,
            Function<F, FrameParts> parts) {
        byte[] whole = frame;
        if (!withChecksum) {
            whole = Arrays.copyOf(frame, frame.length + 1);
            whole[frame.length] = (byte) checksum.of(frame, 0, frame.length);
        }
        return of(whole, decoder, parts);
    }

    private static <F> FrameParts of(byte[] bytes, FrameDecoder<F> decoder, Function<F, FrameParts> parts) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("no bytes");
        }
        List<Decoded<F>> out = new ArrayList<>();
        decoder.onDecoded(out::add);
        for (byte b : bytes) {
            decoder.feed(b & 0xFF, 0);
        }
        boolean whole = decoder.idle();
        // a bad frame the decoder slid past is told when the line goes quiet: let it, for its reason
        decoder.expire(NO_LIMIT + 1);
        if (!out.isEmpty()
                && out.get(0) instanceof Decoded.Dropped<F> d
                && d.reason() != Decoded.Reason.INTER_BYTE_TIMEOUT) {
            throw new IllegalArgumentException(Hex.of(bytes) + ": not one whole frame ("
                    + d.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
        }
        if (!whole || out.isEmpty() || !(out.get(0) instanceof Decoded.Frame<F>)) {
            throw new IllegalArgumentException(
                    Hex.of(bytes) + ": shorter than its length field says (" + bytes.length + " bytes)");
        }
        if (out.size() != 1) {
            throw new IllegalArgumentException(Hex.of(bytes) + ": more than one frame");
        }
        Decoded.Frame<F> f = (Decoded.Frame<F>) out.get(0);
        return parts.apply(f.frame());
    }
}
