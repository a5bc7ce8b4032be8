package io.klinebench.dcan;

import io.klinebench.kline.Init;
import io.klinebench.kline.LineConditions;
import io.klinebench.kline.LinkEvent;
import io.klinebench.kline.Tester;
import io.klinebench.kline.TesterRequest;
import io.klinebench.line.Bytes;
import io.klinebench.line.Direction;
import io.klinebench.line.LineEndpoint;
import io.klinebench.time.Clock;
import java.util.function.Consumer;

/**
 * A tester on D-CAN itself, through an slcan adapter it drives: it sends each request as ISO-TP
 * with extended addressing from its address (identifier 0x600 | F1, the module's address
 * first, block size 0, STmin 0), as a K+DCAN cable's firmware does on CAN, and takes the
 * module's answers ({@link LinkEvent.TesterReceived}, the time waited counted from the end of
 * the request's last frame to the end of the answer's first). D-CAN has no init.
 */
public final class SlcanTester implements Tester {

    private final Clock clock;
    private final LineEndpoint line;
    private final int ecuAddress;
    private final Consumer<LinkEvent> events;
    private final IsoTpNode node;
    private Bytes lastData = Bytes.of();
    private TesterRequest lastRequest = TesterRequest.of(lastData);
    /** The request under way: its data bytes not yet on the bus, when it began, when it ended. */
    private int unsent;

    private long requestFirstAt;
    private long requestEnd = Long.MIN_VALUE;
    /** The end of the first frame from the module after the request ended, or MIN_VALUE. */
    private long answerFirstAt = Long.MIN_VALUE;

    public SlcanTester(
            Clock clock,
            LineEndpoint line,
            LineConditions conditions,
            int ecuAddress,
            int testerAddress,
            DCanTiming timing,
            Consumer<LinkEvent> events) {
        this.clock = clock;
        this.line = line;
        this.ecuAddress = ecuAddress;
        this.events = events;
        VirtualCanBus bus = new VirtualCanBus(clock, timing.bits());
        new SlcanPort(clock, line, conditions.hearsOwnBytes(), SlcanPort.Role.HOST, bus, Direction.ECU, events);
        bus.listen(this::onBus);
        this.node = new IsoTpNode(
                clock,
                bus,
                testerAddress,
                Direction.TESTER,
                SlcanEcuLink.widened(timing.isoTp(), conditions),
                0,
                SeparationTime.NONE,
                new IsoTpNode.Listener() {
                    @Override
                    public void message(int source, int target, byte[] data, long at) {
                        answered(source, data, at);
                    }

                    @Override
                    public void problem(long at, String what, String why) {
                        events.accept(new LinkEvent.Ignored(at, what, "the tester: " + why));
                    }
                });
        bus.listen(node::hear); // after onBus: an answer's first frame is noted before its message is whole
    }

    @Override
    public void init(Init init) {
        events.accept(new LinkEvent.Ignored(
                clock.nanos(), init.text(), "D-CAN has no init: a tester simply sends ISO-TP requests"));
    }

    @Override
    public void send(byte[] data) {
        lastData = Bytes.of(data);
        lastRequest = TesterRequest.of(lastData);
        unsent = data.length;
        requestEnd = Long.MIN_VALUE;
        answerFirstAt = Long.MIN_VALUE;
        node.send(ecuAddress, data);
    }

    /** Writes {@code bytes} on the slcan line as they are: garbage for the adapter to refuse. */
    @Override
    public void sendRaw(byte[] bytes) {
        for (byte b : bytes) {
            line.send(b & 0xFF);
        }
    }

    /** The adapter's line is written back to back; nothing to set. */
    @Override
    public void setInterByte(long nanos) {}

    /** Follows the request's frames onto the bus, and the answer's first. */
    private void onBus(CanTraceEntry e) {
        if ((e.frame().id() & 0x700) != 0x600 || e.frame().length() < 2) {
            return;
        }
        int type = e.frame().at(1) >> 4;
        if (e.sender() == node.address() && e.frame().at(0) == ecuAddress && unsent > 0) {
            if (type == 0 || type == 1) {
                requestFirstAt = e.firstAt();
                unsent -= type == 0 ? unsent : 5;
            } else if (type == 2) {
                unsent -= 6;
            }
            if (unsent <= 0) {
                requestEnd = e.at();
                events.accept(new LinkEvent.FrameSent(e.at(), Direction.TESTER, requestFirstAt, lastData));
            }
        } else if (e.sender() == ecuAddress
                && requestEnd != Long.MIN_VALUE
                && answerFirstAt == Long.MIN_VALUE
                && type <= 1) {
            answerFirstAt = e.at();
        }
    }

    private void answered(int source, byte[] data, long at) {
        if (source != ecuAddress) {
            events.accept(new LinkEvent.Ignored(
                    at,
                    String.format("a message from %02X", source),
                    String.format("this tester talks to %02X", ecuAddress)));
            return;
        }
        long first = answerFirstAt == Long.MIN_VALUE ? at : answerFirstAt;
        long end = requestEnd == Long.MIN_VALUE ? first : requestEnd;
        events.accept(new LinkEvent.TesterReceived(at, lastRequest, Bytes.of(data), first - end));
        answerFirstAt = Long.MIN_VALUE; // a responsePending's answer comes after it
        requestEnd = at;
    }
}
