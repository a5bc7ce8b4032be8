package io.klinebench.kline;

/**
 * Bytes to {@link KwpStarTelegram}s: FMT must be 0x80, the LEN byte (fourth) gives the length,
 * the last byte is the XOR of the others. A bad format, length or checksum drops one byte and
 * re-synchronises; a gap longer than the inter-byte limit truncates.
 */
public final class KwpStarDecoder extends FrameDecoder<KwpStarTelegram> {

    public KwpStarDecoder(long interByteMaxNanos) {
        super(interByteMaxNanos, KwpStarTelegram.MAX_LENGTH);
    }

    @Override
    protected int frameLength(byte[] buf, int available) {
        if ((buf[0] & 0xFF) != KwpStarTelegram.FORMAT) {
            return 0;
        }
        if (available < 4) {
            return -1;
        }
        int len = buf[3] & 0xFF;
        return len == 0 ? 0 : len + 5;
    }

    @Override
    protected boolean checksumOk(byte[] buf, int length) {
        return Ds2Telegram.xor(buf, 0, length - 1) == (buf[length - 1] & 0xFF);
    }

    @Override
    protected KwpStarTelegram build(byte[] f) {
        byte[] data = new byte[f.length - 5];
        System.arraycopy(f, 4, data, 0, data.length);
        return new KwpStarTelegram(f[1] & 0xFF, f[2] & 0xFF, data);
    }
}
