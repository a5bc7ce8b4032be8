package io.klinebench.kline;

/**
 * The length and checksum rules of the two protocols, written from the standards (domain
 * notes) rather than taken from the code under test: tests use them to judge garbage and to
 * check what the decoders report.
 */
final class SpecRules {

    private SpecRules() {}

    /**
     * ISO 14230-2: the length of a frame starting at {@code b[from]}, from FMT bits 5-0, or
     * from the LEN byte after FMT [TGT SRC] when they are 0; -1 while the header is not all
     * there (bytes up to {@code end}), 0 for LEN 0.
     */
    static int kwpLength(byte[] b, int from, int end) {
        int fmt = b[from] & 0xFF;
        int inFmt = fmt & 0x3F;
        int header = 1 + ((fmt & 0xC0) != 0 ? 2 : 0) + (inFmt == 0 ? 1 : 0);
        if (inFmt != 0) {
            return header + inFmt + 1;
        }
        if (end - from < header) {
            return -1;
        }
        int len = b[from + header - 1] & 0xFF;
        return len == 0 ? 0 : header + len + 1;
    }

    /** ISO 14230-2: CS, the last byte, is the sum of all bytes before it mod 256. */
    static boolean kwpChecksumOk(byte[] b, int from, int length) {
        int sum = 0;
        for (int i = from; i < from + length - 1; i++) {
            sum += b[i] & 0xFF;
        }
        return (sum & 0xFF) == (b[from + length - 1] & 0xFF);
    }

    /** DS2: the second byte is the whole length; -1 before it arrives, 0 when below 4. */
    static int ds2Length(byte[] b, int from, int end) {
        if (end - from < 2) {
            return -1;
        }
        int len = b[from + 1] & 0xFF;
        return len < 4 ? 0 : len;
    }

    /** DS2: CHK, the last byte, is the XOR of all bytes before it. */
    static boolean ds2ChecksumOk(byte[] b, int from, int length) {
        int x = 0;
        for (int i = from; i < from + length - 1; i++) {
            x ^= b[i] & 0xFF;
        }
        return x == (b[from + length - 1] & 0xFF);
    }
}
