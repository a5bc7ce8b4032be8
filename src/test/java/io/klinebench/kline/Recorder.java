package io.klinebench.kline;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Collects what a decoder reports, in order. */
final class Recorder<F> implements Consumer<Decoded<F>> {

    private final List<Decoded<F>> all = new ArrayList<>();

    static <F> Recorder<F> on(FrameDecoder<F> decoder) {
        Recorder<F> r = new Recorder<>();
        decoder.onDecoded(r);
        return r;
    }

    @Override
    public void accept(Decoded<F> d) {
        all.add(d);
    }

    List<Decoded<F>> all() {
        return all;
    }

    List<Decoded.Frame<F>> frames() {
        List<Decoded.Frame<F>> frames = new ArrayList<>();
        for (Decoded<F> d : all) {
            if (d instanceof Decoded.Frame<F> f) {
                frames.add(f);
            }
        }
        return frames;
    }

    List<Decoded.Dropped<F>> dropped() {
        List<Decoded.Dropped<F>> dropped = new ArrayList<>();
        for (Decoded<F> d : all) {
            if (d instanceof Decoded.Dropped<F> x) {
                dropped.add(x);
            }
        }
        return dropped;
    }

    /** Every reported byte, frames and drops alike, in the order reported. */
    byte[] allRaw() {
        return raw(all);
    }

    static byte[] raw(List<? extends Decoded<?>> list) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Decoded<?> d : list) {
            out.writeBytes(d.raw());
        }
        return out.toByteArray();
    }

    void clear() {
        all.clear();
    }

    @Override
    public String toString() {
        return all.toString();
    }
}
