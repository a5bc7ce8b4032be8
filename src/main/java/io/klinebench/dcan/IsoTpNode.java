package io.klinebench.dcan;

import io.klinebench.dcan.IsoTpFrame.FlowControl;
import io.klinebench.dcan.IsoTpReceiver.Outcome;
import io.klinebench.dcan.IsoTpSender.Step;
import io.klinebench.line.Direction;
import io.klinebench.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One address on D-CAN speaking ISO-TP with extended addressing: it sends as identifier
 * {@code 0x600 | address} with the target first, one message at a time (more wait their
 * turn), and puts together what other senders send it, one {@link IsoTpReceiver} per sender.
 * It drives the pure {@link IsoTpSender} and receivers with the clock and the bus, and says
 * what it dropped or gave up and why. Frames reach it through {@link #hear}: the bus for a
 * node on it, a gateway for a module behind one.
 */
public final class IsoTpNode {

    /** What a node reports upwards. */
    public interface Listener {
        /** A whole message from {@code source} to {@code target}, its last frame ending at {@code at}. */
        void message(int source, int target, byte[] data, long at);

        /** Something was dropped, ignored or given up, and why. */
        void problem(long at, String what, String why);
    }

    private record Outgoing(int target, byte[] data) {}

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
    private IsoTpSender sender;
    private int sendingTo;
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
        queue.add(new Outgoing(target, data.clone()));
        if (sender == null) {
            startNext();
        }
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
            bus.send(fc.encode(0x600 | address), side, at -> {
                IsoTpReceiver r = receivers.get(from);
                r.flowControlSent(at);
                watchReceiver(from, r);
            });
        } else if (outcome instanceof Outcome.Continue) {
            watchReceiver(from, receivers.get(from));
        } else if (outcome instanceof Outcome.Aborted a) {
            cancelReceiverTimer(from);
            listener.problem(a.at(), "message from " + hex(from), a.why());
        } else if (outcome instanceof Outcome.Ignored i) {
            listener.problem(e.at(), e.frame().toString(), i.why());
        }
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
        sender = new IsoTpSender(next.target(), next.data(), timing);
        follow(sender.start(clock.nanos()));
    }

    private void follow(Step step) {
        IsoTpSender current = sender;
        if (step instanceof Step.Send s) {
            clock.schedule(
                    Math.max(clock.nanos(), s.notBefore()),
                    () -> bus.send(s.frame().encode(0x600 | address), side, at -> {
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
            startNext();
        } else if (step instanceof Step.Done) {
            startNext();
        }
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
