package io.klinebench.bench;

import io.klinebench.kline.LinkEvent;
import io.klinebench.time.Event;
import java.util.Objects;

/**
 * What one of the car's other modules on its lines did (the R50/R53's KOMBI, EWS3, EMS2000,
 * EHPS: {@link BenchLines}), with the module named: on a bus every module's link says the same
 * kinds of things, and a reader must know whose answer or collision it was. It reads as the
 * event it wraps ({@link EventFields#typeName}: "answered", "collision"), with a {@code module}
 * field ("KOMBI 80") before that event's own. The body controller's own events, the profile's
 * module, stay as they are.
 */
public record ModuleEvent(String module, LinkEvent event) implements Event {

    public ModuleEvent {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(event, "event");
    }

    @Override
    public long at() {
        return event.at();
    }
}
