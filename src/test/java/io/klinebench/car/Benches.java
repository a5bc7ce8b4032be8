package io.klinebench.car;

import io.klinebench.bench.Bench;
import io.klinebench.bench.CarSetup;
import io.klinebench.bench.KeySpec;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;

/** Benches on the real profiles for the model's diagnostic functions. */
final class Benches {

    static final String R53_2002 = "r50-r53-2002-2004";
    static final String R53_2005 = "r50-r53-2005-2008";
    static final String R56 = "r56-2007-2013";

    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    static final int SERIAL_A = 0x1A2B3C;
    static final int SERIAL_NEW = 0x0ABCDEF;

    static final String VIN = "WMWRE33546TN12345";

    private Benches() {}

    /** The car alone, without its K-line: these tests drive the model's diagnostic side directly. */
    static Bench bench(String profile, KeySpec... keys) {
        try {
            return Bench.of(ProfileCatalog.builtIn().load(profile), CarSetup.of(keys));
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Key A in slot 0, a new remote N in no slot; the car knows its VIN. */
    static Bench withNewRemote(String profile) {
        Bench b = bench(
                profile,
                KeySpec.remoteKey("A", SERIAL_A, 0),
                KeySpec.remoteKey("N", SERIAL_NEW, 0).notLearned());
        b.car().setVin(VIN);
        return b;
    }
}
