package io.klinebench.cli;

import io.klinebench.sim.EventStream;
import io.klinebench.sim.ModemWiring;
import io.klinebench.sim.PortModule;
import io.klinebench.sim.PortSimulator;
import io.klinebench.sim.SimEvent;
import io.klinebench.sim.StateKeeper;
import java.io.PrintWriter;

/**
 * What a running {@code sim} holds open beside what every command on a port does
 * ({@link PortResources}): the module, its state file, modem-line wiring, control port and the
 * JSON event stream. The module stops after its control port (no command arrives at a
 * stopping car), its wiring and its state file (both on the clock's loop, where they act).
 */
final class SimResources extends PortResources {
    PortSimulator sim;
    StateKeeper state;
    ModemWiring wiring;
    ControlServer control;
    EventStream json;

    /**
     * The sim stops before it ran, saying why: on the terminal, and in the trace, which
     * would otherwise be left with its header alone and no word of why.
     */
    int stoppedAtStart(PrintWriter err, String why) {
        if (trace != null) {
            trace.stoppedAtStart(why);
        }
        close();
        err.println("kline-bench sim: " + why);
        return Main.BAD_INPUT;
    }

    @Override
    void stopModule() {
        if (control != null) {
            control.close();
        }
        if (sim == null) {
            return;
        }
        if (wiring != null) {
            ModemWiring w = wiring;
            onModuleLoop(w::stop);
        }
        if (state != null) {
            StateKeeper s = state;
            onModuleLoop(s::close);
        }
        sim.close();
    }

    @Override
    PortModule module() {
        return sim;
    }

    @Override
    void clockStopped() {
        if (json != null) {
            json.accept(new SimEvent.SimStopped(clock.nanos()));
            json.close();
        }
    }
}
