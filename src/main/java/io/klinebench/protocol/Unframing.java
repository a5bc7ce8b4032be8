package io.klinebench.protocol;

import io.klinebench.kline.Decoded;
import io.klinebench.kline.FrameDecoder;
import io.klinebench.line.Hex;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Takes one whole frame apart with a protocol's own decoder, as the link layers read it. */
final class Unframing {

    private Unframing() {}

    /**
     * The one frame {@code bytes} are, through {@code decoder} (fed all at one instant), made
     * into parts by {@code parts}.
     *
     * @throws IllegalArgumentException saying why the bytes are not exactly one whole frame
     */
    static <F> FrameParts of(byte[] bytes, FrameDecoder<F> decoder, Function<F, FrameParts> parts) {
        List<Decoded<F>> out = new ArrayList<>();
        decoder.onDecoded(out::add);
        for (byte b : bytes) {
            decoder.feed(b & 0xFF, 0);
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("no bytes");
        }
        if (!out.isEmpty() && out.get(0) instanceof Decoded.Dropped<F> d) {
            throw new IllegalArgumentException(Hex.of(bytes) + ": not one whole frame ("
                    + d.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
        }
        if (!decoder.idle() || out.isEmpty()) {
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
