package io.klinebench.sim;

import io.klinebench.time.Event;

/**
 * What the simulator itself adds to the stream of the car's events (see {@link
 * PortSimulator#onEvent}): where a run starts and stops, each action performed and the
 * events a slow output could not take. In a stream they read like the car's events: a type
 * ("sim-started", "action-performed", "sim-stopped", "events-dropped") and fields.
 */
public sealed interface SimEvent extends Event {

    /** The simulator is up: its profile, where the tester connects, the line. */
    record SimStarted(long at, String profile, String summary, String connect, String line) implements SimEvent {}

    /** A physical action (in sequence-step words) performed on the car, before what it caused. */
    record ActionPerformed(long at, String action) implements SimEvent {}

    /** The simulator stopped. */
    record SimStopped(long at) implements SimEvent {}

    /** {@code count} events were left out because the output did not keep up. */
    record EventsDropped(long at, long count) implements SimEvent {}
}
