package io.klinebench.dcan;

import io.klinebench.dcan.IsoTpFrame.FlowControl;
import io.klinebench.dcan.IsoTpReceiver.Outcome;
import io.klinebench.dcan.IsoTpSender.Step;
import io.klinebench.kline.Fault;
import io.klinebench.line.Direction;
import io.klinebench.time.Clock;
import io.klinebench.time.Durations;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One address on D-CAN speaking ISO-TP with extended addressing: it sends as identifier
 * {@code 0x600 | address} with the target first, one message at a time (more wait their
 * turn), and puts together what other senders send it, one {@link IsoTpReceiver} per sender.
 * It drives the pure {@link IsoTpSender} and receivers with the clock and the bus, and says
 * what it dropped or gave up and why. Frames reach it through {@link #hear}: the bus for a
 * node on it, a gateway for a module behind one.
 *
 * <p>Faults made on purpose ({@link Fault.CanFault}) are made here, where the frames are: in a
 * message's own frames (one lost, late, or with the wrong sequence number) or in the next flow
 * control this node sends to a sender (lost or late). A lost frame is one the CAN controller
 * never got on the bus: the node's own timer (N_As, N_Ar) gives the transfer up, as the
 * standard says, and the peer's (N_Cr, N_Bs) runs out.
 */
public final class IsoTpNode {

    /** What a node reports upwards. */
    public interface Listener {
        /** A whole message from {@code source} to {@code target}, its last frame ending at {@code at}. */
        void message(int source, int target, byte[] data, long at);

        /** Something was dropped, ignored or given up, and why. */
        void problem(long at, String what, String why);
    }

    private record Outgoing(int target, byte[] data, List<Fault.CanFault> faults) {}

    private final Clock clock;
    private final VirtualCanBus bus;
    private final int address;
    private final Direction side;
    private final IsoTpTiming timing;
    private final int blockSize;
    private final SeparationTime stMin;
    private final Listener listener;

    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private final Map<Integer, IsoTpReceiver> receivers = new HashMap<>();
    private final Map<Integer, Clock.Scheduled> receiverTimers = new HashMap<>();
    private final Map<Integer, Fault.CanFault> flowControlFaults = new HashMap<>();
    private IsoTpSender sender;
    private int sendingTo;
    /** The faults still to be made in the message being sent. */
    private List<Fault.CanFault> sendingFaults = new ArrayList<>();

    private Clock.Scheduled senderTimer;

    public IsoTpNode(
            Clock clock,
            VirtualCanBus bus,
            int address,
            Direction side,
            IsoTpTiming timing,
            int blockSize,
            SeparationTime stMin,
            Listener listener) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.address = address;
        this.side = Objects.requireNonNull(side, "side");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.blockSize = blockSize;
        this.stMin = Objects.requireNonNull(stMin, "stMin");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public int address() {
        return address;
    }

    /** Sends {@code data} to {@code target} once the messages before it have gone. */
    public void send(int target, byte[] data) {
        send(target, data, List.of());
    }

    /**
     * As {@link #send(int, byte[])}, with {@code faults} made in the message's own frames
     * ({@link Fault.LoseFrame}, {@link Fault.LateFrame}, {@link Fault.WrongSequence}); one whose
     * frame the message does not have is said as not made.
     */
    public void send(int target, byte[] data, List<Fault.CanFault> faults) {
        queue.add(new Outgoing(target, data.clone(), List.copyOf(faults)));
        if (sender == null) {
            startNext();
        }
    }

    /**
     * The next flow control this node sends to {@code sender} gets {@code fault}
     * ({@link Fault.LoseFlowControl}, {@link Fault.LateFlowControl}).
     */
    public void faultNextFlowControl(int sender, Fault.CanFault fault) {
        flowControlFaults.put(sender, fault);
    }

    /** A frame on the bus; those this node sent itself are not its business. */
    public void hear(CanTraceEntry e) {
        if (e.sender() == address || (e.frame().id() & 0x700) != 0x600) {
            return;
        }
        IsoTpFrame.Parsed parsed = IsoTpFrame.decode(e.frame());
        if (parsed instanceof IsoTpFrame.Bad bad) {
            listener.problem(e.at(), e.frame().toString(), "not an ISO-TP frame: " + bad.why());
            return;
        }
        IsoTpFrame frame = ((IsoTpFrame.Ok) parsed).frame();
        if (frame.target() != address) {
            return;
        }
        if (frame instanceof FlowControl fc) {
            flowControl(fc, e);
            return;
        }
        IsoTpReceiver receiver =
                receivers.computeIfAbsent(e.sender(), s -> new IsoTpReceiver(blockSize, stMin, timing));
        received(e.sender(), receiver.receive(frame, e.at()), e);
    }

    private void received(int from, Outcome outcome, CanTraceEntry e) {
        if (outcome instanceof Outcome.Message m) {
            cancelReceiverTimer(from);
            if (!m.abandoned().isEmpty()) {
                listener.problem(m.at(), "message from " + hex(from), m.abandoned());
            }
            listener.message(from, m.target(), m.data(), m.at());
        } else if (outcome instanceof Outcome.SendFlowControl s) {
            cancelReceiverTimer(from);
            if (!s.abandoned().isEmpty()) {
                listener.problem(e.at(), "message from " + hex(from), s.abandoned());
            }
            FlowControl fc = new FlowControl(
                    from, s.flowControl().status(), s.flowControl().blockSize(), stMin);
            sendFlowControl(from, fc);
        } else if (outcome instanceof Outcome.Continue) {
            watchReceiver(from, receivers.get(from));
        } else if (outcome instanceof Outcome.Aborted a) {
            cancelReceiverTimer(from);
            listener.problem(a.at(), "message from " + hex(from), a.why());
        } else if (outcome instanceof Outcome.Ignored i) {
            listener.problem(e.at(), e.frame().toString(), i.why());
        }
    }

    private void sendFlowControl(int from, FlowControl fc) {
        Fault.CanFault fault = flowControlFaults.remove(from);
        IsoTpReceiver r = receivers.get(from);
        long asked = clock.nanos();
        if (fault instanceof Fault.LoseFlowControl) {
            // never on the bus: no confirmation comes, and N_Ar gives the reception up
            receiverTimers.put(from, clock.schedule(asked + timing.nAr() + 1, () -> {
                receiverTimers.remove(from);
                received(
                        from,
                        r.abort(
                                clock.nanos(),
                                "N_Ar: our flow control was not on the bus within " + Durations.format(timing.nAr())
                                        + " (fault " + fault.text() + ")"),
                        null);
            }));
            return;
        }
        long when = fault instanceof Fault.LateFlowControl late ? asked + late.nanos() : asked;
        clock.schedule(
                when,
                () -> bus.send(fc.encode(0x600 | address), side, at -> {
                    r.flowControlSent(at);
                    watchReceiver(from, r);
                }));
    }

    private void watchReceiver(int from, IsoTpReceiver r) {
        cancelReceiverTimer(from);
        long due = r.deadline();
        if (due >= 0) {
            receiverTimers.put(from, clock.schedule(due, () -> {
                receiverTimers.remove(from);
                received(from, r.expire(clock.nanos()), null);
            }));
        }
    }

    private void cancelReceiverTimer(int from) {
        Clock.Scheduled t = receiverTimers.remove(from);
        if (t != null) {
            t.cancel();
        }
    }

    private void flowControl(FlowControl fc, CanTraceEntry e) {
        if (sender == null || e.sender() != sendingTo || !(sender.step() instanceof Step.AwaitFlowControl)) {
            listener.problem(e.at(), e.frame().toString(), "a flow control no transfer of ours waits for");
            return;
        }
        cancelSenderTimer();
        follow(sender.flowControl(fc, e.at()));
    }

    private void startNext() {
        Outgoing next = queue.poll();
        if (next == null) {
            sender = null;
            return;
        }
        sendingTo = next.target();
        sendingFaults = new ArrayList<>(next.faults());
        sender = new IsoTpSender(next.target(), next.data(), timing);
        follow(sender.start(clock.nanos()));
    }

    /** The fault to make in frame {@code n} of the message being sent, taken off the list; or null. */
    private Fault.CanFault faultIn(int n) {
        for (Fault.CanFault f : sendingFaults) {
            int frame = f instanceof Fault.LoseFrame l
                    ? l.frame()
                    : f instanceof Fault.LateFrame l ? l.frame() : ((Fault.WrongSequence) f).frame();
            if (frame == n) {
                sendingFaults.remove(f);
                return f;
            }
        }
        return null;
    }

    private void follow(Step step) {
        IsoTpSender current = sender;
        if (step instanceof Step.Send first) {
            Fault.CanFault fault = faultIn(current.frameNumber());
            Step.Send s = fault instanceof Fault.LateFrame late ? (Step.Send) current.delay(late.nanos()) : first;
            if (fault instanceof Fault.LoseFrame) {
                // never on the bus: no confirmation comes, and N_As gives the message up
                senderTimer = clock.schedule(s.notBefore() + timing.nAs() + 1, () -> {
                    senderTimer = null;
                    follow(current.expire(clock.nanos()));
                });
                return;
            }
            IsoTpFrame frame = s.frame();
            if (fault instanceof Fault.WrongSequence && frame instanceof IsoTpFrame.ConsecutiveFrame cf) {
                frame = new IsoTpFrame.ConsecutiveFrame(cf.target(), (cf.sequence() + 1) & 0xF, cf.data());
            }
            CanFrame onBus = frame.encode(0x600 | address);
            clock.schedule(
                    Math.max(clock.nanos(), s.notBefore()),
                    () -> bus.send(onBus, side, at -> {
                        if (sender == current) {
                            follow(current.sent(at));
                        }
                    }));
        } else if (step instanceof Step.AwaitFlowControl wait) {
            senderTimer = clock.schedule(wait.deadline() + 1, () -> {
                senderTimer = null;
                follow(current.expire(clock.nanos()));
            });
        } else if (step instanceof Step.Failed f) {
            listener.problem(f.at(), "message to " + hex(sendingTo), f.why());
            notMade(f.at(), current);
            startNext();
        } else if (step instanceof Step.Done d) {
            notMade(d.at(), current);
            startNext();
        }
    }

    /** Says each fault left unmade when a message ended: its frame never came. */
    private void notMade(long at, IsoTpSender done) {
        for (Fault.CanFault f : sendingFaults) {
            listener.problem(
                    at,
                    "fault " + f.text(),
                    "not made: the message to " + hex(sendingTo) + " ended after " + done.frameNumber() + " frame(s)");
        }
        sendingFaults.clear();
    }

    private void cancelSenderTimer() {
        if (senderTimer != null) {
            senderTimer.cancel();
            senderTimer = null;
        }
    }

    private static String hex(int address) {
        return String.format("%02X", address);
    }
}
