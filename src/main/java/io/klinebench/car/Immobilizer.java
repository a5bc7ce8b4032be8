package io.klinebench.car;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The immobilizer (EWS3 on the R50/R53, the CAS on the R56): it authorises transponders,
 * not remotes. Learning a remote never adds a transponder here.
 */
public final class Immobilizer {

    private final Set<String> authorised = new LinkedHashSet<>();

    public void authorise(String transponder) {
        authorised.add(transponder);
    }

    public boolean authorises(String transponder) {
        return authorised.contains(transponder);
    }

    public Set<String> authorised() {
        return Set.copyOf(authorised);
    }
}
