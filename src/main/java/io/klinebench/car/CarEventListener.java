package io.klinebench.car;

/**
 * Who hears the module's events as they happen.
 *
 * <p>Not a {@code Consumer<CarEvent>}, on purpose: a generic consumer casts each event to
 * {@code CarEvent} on its way in, and a timeline's reader casts it to {@code Event}. On JDK 17
 * each class remembers only the last interface it was checked against (JDK-8180450), so the two
 * casts take turns rewriting it, and two sweep threads doing so on one class contend for that
 * memory: a 2-thread sweep ran no faster than a 1-thread one. Without the casts it scales
 * (BENCHMARKS.md, "Sweeps").
 */
@FunctionalInterface
public interface CarEventListener {
    void accept(CarEvent e);
}
