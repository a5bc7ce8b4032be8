package io.klinebench.fob;

/**
 * Who hears a remote key's events. Not a {@code Consumer<FobEvent>}, for the reason {@code
 * CarEventListener} gives: no cast to an interface on each event.
 */
@FunctionalInterface
public interface FobEventListener {
    void accept(FobEvent e);
}
