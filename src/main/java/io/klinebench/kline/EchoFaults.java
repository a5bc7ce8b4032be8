package io.klinebench.kline;

import io.klinebench.line.EchoShaper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The echo faults armed at a module ({@link Fault.EchoFault}), made in the echo of the tester's
 * request where our side makes that echo. The echo is made on whichever thread echoes (a serial
 * reader, before the link layer has seen the byte), so this is thread-safe; the link says the
 * faults made when the request's frame is decoded ({@link #made()}).
 *
 * <p>A request is every byte the tester sends between two of our answers: its trigger is drawn
 * at its first byte, counting answers as {@link FaultPlan} does ("after 2": the request after
 * two more answers).
 */
final class EchoFaults implements EchoShaper {

    private final List<FaultPlan.Armed> armed = new ArrayList<>();
    private final List<FaultPlan.Armed> firing = new ArrayList<>();
    private final List<FaultPlan.Armed> made = new ArrayList<>();
    private long answers;
    private boolean requestBegun;
    private int byteNumber;

    synchronized void arm(Fault.EchoFault fault, FaultTrigger trigger) {
        if (trigger instanceof FaultTrigger.AtRequest) {
            throw new IllegalArgumentException("an echo fault cannot wait for a named request: the echo of each byte"
                    + " comes before the request is known; use 'after N' or 'chance P'");
        }
        armed.add(new FaultPlan.Armed(fault, trigger, answers, new SplittableRandom(trigger.seed())));
    }

    /** One more answer went out (or was due): the tester's next byte begins a new request. */
    synchronized void answered() {
        answers++;
        requestBegun = false;
    }

    synchronized boolean isEmpty() {
        return armed.isEmpty() && firing.isEmpty();
    }

    @Override
    public synchronized int echoOf(int value) {
        if (armed.isEmpty() && firing.isEmpty()) {
            return value;
        }
        if (!requestBegun) {
            requestBegun = true;
            byteNumber = 0;
            firing.clear();
            for (Iterator<FaultPlan.Armed> it = armed.iterator(); it.hasNext(); ) {
                FaultPlan.Armed a = it.next();
                if (a.trigger().fires(null, answers + 1 - a.armedAfter(), a.random())) {
                    firing.add(a);
                    made.add(a);
                    if (a.trigger().once()) {
                        it.remove();
                    }
                }
            }
        }
        byteNumber++;
        int echo = value;
        for (FaultPlan.Armed a : firing) {
            if (a.fault() instanceof Fault.NoEcho) {
                return NONE;
            }
            if (a.fault() instanceof Fault.GarbledEcho g && g.index() == byteNumber) {
                echo ^= g.mask();
            }
        }
        return echo;
    }

    /** The echo faults made since last asked (each once), to be said by the link. */
    synchronized List<FaultPlan.Armed> made() {
        if (made.isEmpty()) {
            return List.of();
        }
        List<FaultPlan.Armed> out = List.copyOf(made);
        made.clear();
        return out;
    }
}
