package io.klinebench.kline;

/**
 * Bytes to {@link Ds2Telegram}s: the LEN byte (second) gives the whole length, the last
 * byte is the XOR of the others. A bad length or checksum drops one byte and
 * re-synchronises; a gap longer than the inter-byte limit truncates.
 */
public final class Ds2Decoder extends FrameDecoder<Ds2Telegram> {

    public Ds2Decoder(long interByteMaxNanos) {
        super(interByteMaxNanos, Ds2Telegram.MAX_LENGTH);
    }

    @Override
    protected int frameLength(byte[] buf, int available) {
        if (available < 2) {
            return -1;
        }
        int len = buf[1] & 0xFF;
        return len < Ds2Telegram.MIN_LENGTH ? 0 : len;
    }

    @Override
    protected boolean checksumOk(byte[] buf, int length) {
        return Ds2Telegram.xor(buf, 0, length - 1) == (buf[length - 1] & 0xFF);
    }

    @Override
    protected Ds2Telegram build(byte[] f) {
        byte[] data = new byte[f.length - 3];
        System.arraycopy(f, 2, data, 0, data.length);
        return new Ds2Telegram(f[0] & 0xFF, data);
    }
}
