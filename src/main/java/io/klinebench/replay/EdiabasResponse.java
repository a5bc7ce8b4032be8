package io.klinebench.replay;

import io.klinebench.protocol.DiagnosticProtocol;
import java.util.List;
import java.util.Objects;

/**
 * An answer of an ediabaslib simulation file whose bytes may be computed from the request
 * (ediabaslib's "Response value calculation"): a whole response frame, each byte a constant or
 * a constant combined by an operator with a request byte {@code [ii]}, a byte of the ECU address
 * {@code #ii}, or a checksum of the response's first bytes {@code $ll}. The link layer makes
 * the frame again from its data, so the frame's own checksum byte is dropped here.
 *
 * @param terms         the response frame's bytes as written
 * @param requestHeader the request frame's bytes before its data, as written (empty for a bare request):
 *                      what {@code [ii]} counts from
 * @param ecuAddress    what {@code #00} stands for
 * @param protocol      whose frame the response is
 * @param text          as written in the file
 */
record EdiabasResponse(List<Term> terms, byte[] requestHeader, int ecuAddress, DiagnosticProtocol protocol, String text)
        implements AnswerData {

    EdiabasResponse {
        terms = List.copyOf(terms);
        requestHeader = requestHeader.clone();
        Objects.requireNonNull(protocol, "protocol");
    }

    /** One byte of a response as written. */
    sealed interface Term {}

    /** {@code hh}. */
    record Constant(int value) implements Term {}

    /** {@code hh<op>[ii]}: the constant and the request's byte {@code index}. */
    record FromRequest(int constant, char op, int index) implements Term {}

    /** {@code hh<op>#ii}: the constant and byte {@code index} of the ECU address (an 8-bit address has byte 00 only). */
    record FromAddress(int constant, char op, int index) implements Term {}

    /** {@code hh<op>$ll}: the constant and the XOR ({@code ^}) or sum ({@code +}) of the response's first {@code length} bytes (00: all before it). */
    record Checksum(int constant, char op, int length) implements Term {}

    /** Whether every byte is a constant. */
    boolean constant() {
        return terms.stream().allMatch(t -> t instanceof Constant);
    }

    @Override
    public byte[] forRequest(byte[] request) {
        return protocol.unframe(frame(request), false).data();
    }

    /** The response frame for {@code request} (its data), without its checksum byte. */
    byte[] frame(byte[] request) {
        byte[] whole = new byte[requestHeader.length + request.length];
        System.arraycopy(requestHeader, 0, whole, 0, requestHeader.length);
        System.arraycopy(request, 0, whole, requestHeader.length, request.length);
        byte[] out = new byte[terms.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) value(terms.get(i), whole, out, i);
        }
        byte[] noChecksum = new byte[out.length - 1];
        System.arraycopy(out, 0, noChecksum, 0, noChecksum.length);
        return noChecksum;
    }

    private int value(Term t, byte[] request, byte[] sofar, int i) {
        if (t instanceof Constant c) {
            return c.value();
        }
        if (t instanceof FromRequest r) {
            if (r.index() >= request.length) {
                throw new IllegalArgumentException(
                        String.format("[%02X] is past the request's %d bytes", r.index(), request.length));
            }
            return apply(r.constant(), r.op(), request[r.index()] & 0xFF);
        }
        if (t instanceof FromAddress a) {
            return apply(a.constant(), a.op(), a.index() == 0 ? ecuAddress : 0);
        }
        Checksum c = (Checksum) t;
        if (c.length() > i) {
            // not cut to the bytes there are: that would be a checksum of other bytes than written
            throw new IllegalArgumentException(String.format("$%02X is past the %d bytes before it", c.length(), i));
        }
        int n = c.length() == 0 ? i : c.length();
        int sum = 0;
        for (int k = 0; k < n; k++) {
            sum = c.op() == '^' ? sum ^ (sofar[k] & 0xFF) : sum + (sofar[k] & 0xFF);
        }
        return apply(c.constant(), c.op(), sum & 0xFF);
    }

    static int apply(int constant, char op, int value) {
        int r = switch (op) {
            case '&' -> constant & value;
            case '|' -> constant | value;
            case '^' -> constant ^ value;
            case '+' -> constant + value;
            case '-' -> constant - value;
            case '*' -> constant * value;
            case '/' -> {
                if (value == 0) {
                    throw new IllegalArgumentException(String.format("%02X/00 divides by zero", constant));
                }
                yield constant / value;
            }
            default -> throw new IllegalArgumentException("no operator " + op);
        };
        return r & 0xFF;
    }
}
