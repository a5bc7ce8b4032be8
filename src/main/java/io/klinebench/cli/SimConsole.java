package io.klinebench.cli;

import io.klinebench.car.CarEvent;
import io.klinebench.kline.LinkEvent;
import io.klinebench.line.Bytes;
import io.klinebench.line.Direction;
import io.klinebench.report.EventText;
import io.klinebench.report.ReportModel;
import io.klinebench.sim.PortSimulator;
import io.klinebench.sim.SimEvent;
import io.klinebench.time.Event;
import io.klinebench.time.TimingWindow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * What a running sim says to people and hears from them: the answer to an action (console and
 * control port alike), the console's loop on stdin, and the live stream's line for an event.
 * {@link SimCommand} wires these to the terminal, the port and the streams.
 */
final class SimConsole {

    private final PortSimulator sim;
    private final IntFunction<String> names;
    private final long origin;

    /**
     * @param names  the bench's name of a remote by its serial number, or null
     * @param origin the sim's start, from which event times count
     */
    SimConsole(PortSimulator sim, IntFunction<String> names, long origin) {
        this.sim = sim;
        this.names = names;
        this.origin = origin;
    }

    /** An event as the reports and the streams hold it: times since the sim's start, remotes by name. */
    Map<String, Object> fields(Event e) {
        return ReportModel.event(e, names, origin);
    }

    /** The live stream's line for an event: as the text report shows it, in colour on a terminal. */
    Function<Event, String> liveLine(boolean colour) {
        return e -> {
            Map<String, Object> m = fields(e);
            String text = EventText.line(m);
            return colour ? EventText.coloured(EventText.tone(m), text) : text;
        };
    }

    /**
     * Makes a line of each kind once, before any tester can connect: the first events of a cold
     * JVM load and initialise the classes that name fields and write JSON, a burst of work on
     * the writer threads that would otherwise compete with the clock's thread on a busy machine
     * just when it times its first answer.
     */
    void warmUp(Function<Event, String> json, Function<Event, String> live) {
        byte[] frame = {0x00, 0x04, 0x00, 0x04};
        List<Event> samples = List.of(
                new LinkEvent.FrameReceived(origin, Direction.ECU, origin, Bytes.of(frame)),
                new LinkEvent.FrameDropped(
                        origin, Direction.ECU, "bad_checksum", Bytes.of(frame), "its checksum is wrong"),
                new LinkEvent.Answered(origin, Bytes.of(frame), Bytes.of(frame), false, 0, ""),
                new CarEvent.WindowJudged(origin, TimingWindow.atMost("warm-up", 1, 0, "")),
                new SimEvent.ActionPerformed(origin, "warm-up"));
        for (Event e : samples) {
            if (json != null) {
                json.apply(e);
            }
            if (live != null) {
                live.apply(e);
            }
        }
    }

    /** Performs one action and says what the car did, or refused, or why the words are no action. */
    String answer(String words) {
        List<Event> caused;
        try {
            caused = sim.perform(words);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return "error: " + e.getMessage();
        }
        return EventText.answer(caused.stream().map(this::fields).toList());
    }

    /**
     * Reads actions from stdin until it ends. A terminal is read only while the sim is in its
     * foreground: a background job that read it would be stopped (SIGTTIN) until brought back.
     */
    void read(PrintWriter out) {
        boolean terminal = Posix.isTerminal(Posix.STDIN);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            while (true) {
                while (terminal && !Posix.inForeground()) {
                    Thread.sleep(250);
                }
                String lineText = in.readLine();
                if (lineText == null) {
                    return;
                }
                String words = lineText.trim();
                if (words.isEmpty() || words.startsWith("#")) {
                    continue;
                }
                out.println(answer(words));
                out.flush();
            }
        } catch (IOException e) {
            out.println("error: console closed: " + e.getMessage());
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
