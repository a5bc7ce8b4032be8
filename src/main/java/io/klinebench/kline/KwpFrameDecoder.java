package io.klinebench.kline;

/**
 * Bytes to {@link KwpFrame}s. The length comes from FMT (or the LEN byte); a gap longer
 * than the inter-byte limit (P4max for a tester's request, P1max for an ECU's response)
 * truncates the frame; a bad checksum drops one byte and re-synchronises.
 */
public final class KwpFrameDecoder extends FrameDecoder<KwpFrame> {

    public KwpFrameDecoder(long interByteMaxNanos) {
        super(interByteMaxNanos, KwpFrame.MAX_FRAME);
    }

    @Override
    protected int frameLength(byte[] buf, int available) {
        int fmt = buf[0] & 0xFF;
        boolean addressed = KwpFrame.Addressing.ofFormat(fmt).hasAddressBytes();
        int lenInFmt = fmt & 0x3F;
        int header = 1 + (addressed ? 2 : 0) + (lenInFmt == 0 ? 1 : 0);
        if (lenInFmt != 0) {
            return header + lenInFmt + 1;
        }
        if (available < header) {
            return -1;
        }
        int len = buf[header - 1] & 0xFF;
        return len == 0 ? 0 : header + len + 1;
    }

    @Override
    protected boolean checksumOk(byte[] buf, int length) {
        return KwpFrame.checksum(buf, 0, length - 1) == (buf[length - 1] & 0xFF);
    }

    @Override
    protected KwpFrame build(byte[] f) {
        int fmt = f[0] & 0xFF;
        KwpFrame.Addressing a = KwpFrame.Addressing.ofFormat(fmt);
        boolean lengthByte = (fmt & 0x3F) == 0;
        int i = 1;
        int target = -1;
        int source = -1;
        if (a.hasAddressBytes()) {
            target = f[i++] & 0xFF;
            source = f[i++] & 0xFF;
        }
        if (lengthByte) {
            i++;
        }
        byte[] data = new byte[f.length - i - 1];
        System.arraycopy(f, i, data, 0, data.length);
        return new KwpFrame(a, target, source, lengthByte, data);
    }
}
