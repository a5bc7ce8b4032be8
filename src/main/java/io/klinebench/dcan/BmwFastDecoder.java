package io.klinebench.dcan;

import io.klinebench.kline.FrameDecoder;

/**
 * Bytes to {@link BmwFastTelegram}s, fed in any chunks with the time of each byte: the length
 * comes from FMT (or the LEN byte), a FMT whose bits 7-6 are not {@code 10} or a LEN of 0 is
 * a bad length, a wrong sum a bad checksum (both drop one byte and read on, so a good
 * telegram behind garbage is still found), a gap longer than the inter-byte limit truncates.
 * The limit is the serial side's: the cable ends a telegram after 3 ms of silence
 * (CanAdapter.c, SER_REC_TIMEOUT); EDIABAS reads an answer's tail within 10 ms
 * (EdInterfaceObd, D-CAN concept: ParTimeoutTelEnd).
 */
public final class BmwFastDecoder extends FrameDecoder<BmwFastTelegram> {

    public BmwFastDecoder(long interByteMaxNanos) {
        super(interByteMaxNanos, BmwFastTelegram.MAX_TELEGRAM);
    }

    @Override
    protected int frameLength(byte[] buf, int available) {
        int fmt = buf[0] & 0xFF;
        if ((fmt & 0xC0) != BmwFastTelegram.FORMAT) {
            return 0;
        }
        int inFmt = fmt & 0x3F;
        if (inFmt != 0) {
            return 3 + inFmt + 1;
        }
        if (available < 4) {
            return -1;
        }
        int len = buf[3] & 0xFF;
        return len == 0 ? 0 : 4 + len + 1;
    }

    @Override
    protected boolean checksumOk(byte[] buf, int length) {
        return BmwFastTelegram.checksum(buf, 0, length - 1) == (buf[length - 1] & 0xFF);
    }

    @Override
    protected BmwFastTelegram build(byte[] t) {
        boolean lengthByte = (t[0] & 0x3F) == 0;
        int header = lengthByte ? 4 : 3;
        byte[] data = new byte[t.length - header - 1];
        System.arraycopy(t, header, data, 0, data.length);
        return new BmwFastTelegram(t[1] & 0xFF, t[2] & 0xFF, lengthByte, data);
    }
}
