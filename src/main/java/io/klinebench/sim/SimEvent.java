package io.klinebench.sim;

import io.klinebench.serial.PortPresence;
import io.klinebench.time.CpuStop;
import io.klinebench.time.Event;

/**
 * What the simulator itself adds to the stream of the car's events (see {@link
 * PortSimulator#onEvent}): where a run starts and stops, each action performed, the port
 * going and coming back, the machine's stops it saw, and the events a slow output could not
 * take. In a stream they read like the car's events: a type ("sim-started", "action-performed",
 * "port-gone", "port-back", "cpu-stopped", "pty-stalled", "sim-stopped", "events-dropped") and
 * fields.
 */
public sealed interface SimEvent extends Event {

    /** The simulator is up: its profile, where the tester connects, the line. */
    record SimStarted(long at, String profile, String summary, String connect, String line) implements SimEvent {}

    /** A physical action (in sequence-step words) performed on the car, before what it caused. */
    record ActionPerformed(long at, String action) implements SimEvent {}

    /**
     * The port vanished (unplugged, or its other end closed): the module keeps its state and the
     * sim tries to open the port again; nothing it sends meanwhile reaches a tester. A tester
     * whose port vanished stops ({@link PortLost}).
     */
    record PortGone(long at, String port, String why) implements SimEvent {}

    /** The port is open again after {@code awayNanos}; {@code bytesNotSent} of the module's bytes were lost meanwhile. */
    record PortBack(long at, String port, long awayNanos, long bytesNotSent) implements SimEvent {}

    /** The port's going or coming back as the simulator says it. */
    static SimEvent of(PortPresence p) {
        if (p instanceof PortPresence.Gone g) {
            return new PortGone(g.at(), g.port(), g.why());
        }
        PortPresence.Back b = (PortPresence.Back) p; // the only other kind
        return new PortBack(b.at(), b.port(), b.awayNanos(), b.bytesNotSent());
    }

    /**
     * The machine ran none of our threads on {@code cpu} for {@code forNanos} from {@code since}
     * (a virtual CPU taken away by its host, or the JVM paused), said when seen: bytes it held
     * came that much late, and the link widened the gaps they ended by as much instead of blaming
     * the sender. Reads "cpu-stopped cpu=1 since=4.492s for=99.8ms".
     */
    record CpuStopped(long at, int cpu, long since, long forNanos) implements MachineStopped {
        @Override
        public CpuStop stop() {
            return new CpuStop(cpu, since, since + forNanos);
        }
    }

    /**
     * The kernel delivered no pty byte for {@code forNanos} from {@code since} while the CPUs ran
     * (a probe pty of ours carried nothing), said when seen: as for a CPU's stop, the gaps it
     * held are widened by it. Reads "pty-stalled since=4.492s for=98.8ms".
     */
    record PtyStalled(long at, long since, long forNanos) implements MachineStopped {
        @Override
        public CpuStop stop() {
            return new CpuStop(CpuStop.PTY_DELIVERY, since, since + forNanos);
        }
    }

    /** A stop of the machine the simulator saw: a CPU's, or the kernel's pty delivery's. */
    sealed interface MachineStopped extends SimEvent {
        /** The stop, as the link and the trace have it. */
        CpuStop stop();
    }

    /** The stop as the simulator says it. */
    static MachineStopped of(CpuStop s) {
        return s.cpu() == CpuStop.PTY_DELIVERY
                ? new PtyStalled(s.to(), s.from(), s.nanos())
                : new CpuStopped(s.to(), s.cpu(), s.from(), s.nanos());
    }

    /** The simulator stopped. */
    record SimStopped(long at) implements SimEvent {}

    /** {@code count} events were left out because the output did not keep up. */
    record EventsDropped(long at, long count) implements SimEvent {}
}
