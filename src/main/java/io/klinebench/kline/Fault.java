package io.klinebench.kline;

import io.klinebench.time.Durations;

/**
 * A fault the module's end of the line is told to make in one answer, on purpose: what breaks
 * a diagnostic tool in the field (a slow module, a stall inside a frame, a byte lost to noise,
 * a wrong checksum, an answer that never comes). Injected faults are said as such
 * ({@link LinkEvent.FaultInjected}), so a report never takes them for the module's own timing.
 */
public sealed interface Fault {

    /** The words a sequence step and the console use for it ("late 100ms", "drop-byte 2"). */
    String text();

    /** The answer's first byte {@code nanos} later than the module's own P2 would put it. */
    record Late(long nanos) implements Fault {
        public Late {
            if (nanos <= 0) {
                throw new IllegalArgumentException("a late answer needs a delay above 0");
            }
        }

        @Override
        public String text() {
            return "late " + Durations.format(nanos);
        }
    }

    /** After the answer's byte number {@code afterByte} (from 1), a pause of {@code nanos} more than P1. */
    record Stall(int afterByte, long nanos) implements Fault {
        public Stall {
            if (afterByte < 1 || nanos <= 0) {
                throw new IllegalArgumentException("a stall needs a byte number from 1 and a pause above 0");
            }
        }

        @Override
        public String text() {
            return "stall " + afterByte + " " + Durations.format(nanos);
        }
    }

    /** The answer's byte number {@code index} (from 1) is not sent, as if noise swallowed it. */
    record DropByte(int index) implements Fault {
        public DropByte {
            if (index < 1) {
                throw new IllegalArgumentException("bytes are numbered from 1");
            }
        }

        @Override
        public String text() {
            return "drop-byte " + index;
        }
    }

    /** The answer's byte number {@code index} (from 1) with the bits of {@code mask} flipped (noise). */
    record FlipByte(int index, int mask) implements Fault {
        public FlipByte {
            if (index < 1 || mask < 1 || mask > 0xFF) {
                throw new IllegalArgumentException("a flip needs a byte number from 1 and a mask 01..FF");
            }
        }

        @Override
        public String text() {
            return String.format("flip-byte %d %02X", index, mask);
        }
    }

    /** A byte {@code value} put in before the answer's byte number {@code index} (from 1), a gap after the one before. */
    record InsertByte(int index, int value) implements Fault {
        public InsertByte {
            if (index < 1 || value < 0 || value > 0xFF) {
                throw new IllegalArgumentException("an insert needs a byte number from 1 and a value 00..FF");
            }
        }

        @Override
        public String text() {
            return String.format("insert-byte %d %02X", index, value);
        }
    }

    /** The whole answer sent a second time, as long after the first as the first came after the request. */
    record Twice() implements Fault {
        @Override
        public String text() {
            return "twice";
        }
    }

    /**
     * The byte that names the answer's sender (KWP2000: the header's source address; DS2: the
     * address byte) replaced by {@code address}, as if another module answered; the checksum
     * still fits, so only the address tells.
     */
    record WrongSource(int address) implements Fault {
        public WrongSource {
            if (address < 0 || address > 0xFF) {
                throw new IllegalArgumentException("an address is a byte, 00..FF");
            }
        }

        @Override
        public String text() {
            return String.format("wrong-source %02X", address);
        }
    }

    /** The answer's checksum with every bit flipped: always wrong. */
    record BadChecksum() implements Fault {
        @Override
        public String text() {
            return "bad-checksum";
        }
    }

    /**
     * KWP2000: {@code times} responsePending answers ({@code 7F SID 78}) before the real one, each
     * P2 after the previous frame, as a module that keeps asking for more time does. DS2 has no
     * such answer.
     */
    record Pending(int times) implements Fault {
        public Pending {
            if (times < 1) {
                throw new IllegalArgumentException("pending needs a count from 1");
            }
        }

        @Override
        public String text() {
            return "pending " + times;
        }
    }

    /** No answer at all: the module took the request and stays silent. */
    record Silent() implements Fault {
        @Override
        public String text() {
            return "silent";
        }
    }

    /**
     * Another node talks over the answer's byte number {@code index} (from 1) with {@code value}:
     * the K wire is wired-AND (a 0 bit, the dominant low, wins), so the line carries both bytes
     * ANDed. The module reads back a byte that is not the one it sent and stops its answer there,
     * as a module that checks its own echo does; the tester gets a cut-off, garbled frame.
     */
    record Collision(int index, int value) implements Fault {
        public Collision {
            if (index < 1 || value < 0 || value > 0xFF) {
                throw new IllegalArgumentException("a collision needs a byte number from 1 and a value 00..FF");
            }
        }

        @Override
        public String text() {
            return String.format("collision %d %02X", index, value);
        }
    }

    /**
     * The module loses power for {@code nanos} in place of the answer: it sends nothing and hears
     * nothing meanwhile, and comes back as after power-on: a KWP2000 session is gone (a new init
     * is needed, after the idle the module needs after power-on); DS2, which has no session, simply
     * answers again. The car's own state (ignition, counters, slots) is kept: the dip is on the
     * diagnostic module's side of the line.
     */
    record PowerDip(long nanos) implements Fault {
        public PowerDip {
            if (nanos <= 0) {
                throw new IllegalArgumentException("a power dip needs a duration above 0");
            }
        }

        @Override
        public String text() {
            return "power-dip " + Durations.format(nanos);
        }
    }

    /**
     * KWP2000: the module ends the session when the request arrives, without answering it, as if
     * P3max had run out early; the tester must initialise again. DS2 has no session.
     */
    record EndSession() implements Fault {
        @Override
        public String text() {
            return "end-session";
        }
    }

    /**
     * A fault of the echo the tester hears of its own request, not of the answer: where the
     * simulator makes that echo (a virtual pair, the bench's line). On a real K-line the cable
     * echoes by itself and these cannot be made. A request's bytes are numbered from the first
     * the tester sends after the module's previous answer; the echo of a byte comes before the
     * request is known, so these are made "after N" answers or by chance, never "at" a request.
     */
    sealed interface EchoFault extends Fault {}

    /** None of the request's bytes is echoed, as on a line whose echo path is broken. */
    record NoEcho() implements EchoFault {
        @Override
        public String text() {
            return "no-echo";
        }
    }

    /** The echo of the request's byte number {@code index} (from 1) with the bits of {@code mask} flipped. */
    record GarbledEcho(int index, int mask) implements EchoFault {
        public GarbledEcho {
            if (index < 1 || mask < 1 || mask > 0xFF) {
                throw new IllegalArgumentException("a garbled echo needs a byte number from 1 and a mask 01..FF");
            }
        }

        @Override
        public String text() {
            return String.format("garble-echo %d %02X", index, mask);
        }
    }

    /**
     * A fault of the CAN frames that carry the answer on D-CAN (ISO 15765-2), not of its bytes:
     * the module's frames (numbered from 1: the single or first frame, then the consecutive
     * frames) or the cable's flow control for them. A K-line has no CAN frames; these are
     * refused there.
     */
    sealed interface CanFault extends Fault {}

    /**
     * The answer's CAN frame number {@code frame} (from 1) never goes on the bus, as when the
     * module's CAN controller cannot send it: the module gives the message up after N_As, and
     * the cable, waiting for it, after N_Cr.
     */
    record LoseFrame(int frame) implements CanFault {
        public LoseFrame {
            if (frame < 1) {
                throw new IllegalArgumentException("CAN frames are numbered from 1");
            }
        }

        @Override
        public String text() {
            return "lose-frame " + frame;
        }
    }

    /** The answer's CAN frame number {@code frame} (from 1) asked for {@code nanos} later than the module would. */
    record LateFrame(int frame, long nanos) implements CanFault {
        public LateFrame {
            if (frame < 1 || nanos <= 0) {
                throw new IllegalArgumentException("a late frame needs a frame number from 1 and a delay above 0");
            }
        }

        @Override
        public String text() {
            return "late-frame " + frame + " " + Durations.format(nanos);
        }
    }

    /**
     * The answer's CAN frame number {@code frame} (a consecutive frame: from 2) carries the
     * sequence number after the right one, as if a frame between had been skipped.
     */
    record WrongSequence(int frame) implements CanFault {
        public WrongSequence {
            if (frame < 2) {
                throw new IllegalArgumentException(
                        "only a consecutive frame has a sequence number: frames from 2 (1 is the first frame)");
            }
        }

        @Override
        public String text() {
            return "wrong-sequence " + frame;
        }
    }

    /**
     * The cable's flow control for the module's answer is never sent, as when the cable's CAN
     * controller cannot send it: the cable gives the message up after N_Ar, the module after N_Bs.
     */
    record LoseFlowControl() implements CanFault {
        @Override
        public String text() {
            return "lose-flow-control";
        }
    }

    /** The cable's flow control for the module's answer asked for {@code nanos} later than the cable would. */
    record LateFlowControl(long nanos) implements CanFault {
        public LateFlowControl {
            if (nanos <= 0) {
                throw new IllegalArgumentException("a late flow control needs a delay above 0");
            }
        }

        @Override
        public String text() {
            return "late-flow-control " + Durations.format(nanos);
        }
    }
}
