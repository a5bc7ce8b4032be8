package io.klinebench.services;

import io.klinebench.bench.Bench;
import io.klinebench.bench.CarSetup;
import io.klinebench.bench.KeySpec;
import io.klinebench.car.BodyControlModule;
import io.klinebench.car.CarEvent;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.DiagnosticApplication;
import io.klinebench.kline.Reply;
import io.klinebench.line.Hex;
import io.klinebench.protocol.DiagnosticProfile;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A bench (a car on a virtual clock, built from a real profile, told its VIN) with the
 * profile's diagnostic application on it, driven with hex strings as a tester would type them.
 */
final class Diag {

    static final String R53_2002 = "r50-r53-2002-2004";
    static final String R53_2005 = "r50-r53-2005-2008";
    static final String R56 = "r56-2007-2013";

    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    static final int SERIAL_A = 0x1A2B3C;
    static final int SERIAL_B = 0x2B3C4D;
    static final int SERIAL_NEW = 0x0ABCDEF;

    static final String SILENCE = "(silence)";

    final Bench bench;
    final DiagnosticProfile profile;
    final DiagnosticApplication app;

    private Diag(Bench bench, DiagnosticProfile profile) {
        this.bench = bench;
        this.profile = profile;
        this.app = bench.rig().diagnostics().orElseThrow().application();
    }

    static Diag of(String profileName, CarSetup setup) {
        try {
            ProfileCatalog catalog = ProfileCatalog.builtIn();
            DiagnosticProfile diagnostics = catalog.loadDiagnostics(profileName);
            return new Diag(Bench.of(catalog.load(profileName), diagnostics, setup), diagnostics);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Key A (serial {@link #SERIAL_A}) in slot 0, in sync; the car locked. */
    static Diag of(String profileName) {
        return of(profileName, CarSetup.of(KeySpec.remoteKey("A", SERIAL_A, 0)));
    }

    static DiagnosticProfile diagnostics(String profileName) {
        try {
            return ProfileCatalog.builtIn().loadDiagnostics(profileName);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    BodyControlModule car() {
        return bench.car();
    }

    long now() {
        return bench.now();
    }

    /** The reply as sent. */
    Reply reply(String hex) {
        return app.onRequest(Hex.parse(hex), bench.now());
    }

    /** The answer in hex, "(silence)", or "(pending)" for a responsePending answer. */
    String send(String hex) {
        return render(reply(hex));
    }

    /** Sends; a pending answer is waited for on the clock, and its final answer returned. */
    String sendAndWait(String hex) {
        Reply r = reply(hex);
        if (r instanceof Reply.Pending p) {
            bench.advanceNanos(p.delayNanos());
            return render(p.then().get());
        }
        return render(r);
    }

    static String render(Reply r) {
        if (r instanceof Reply.Answer a) {
            // a refusal's reason, which a DS2 status byte cannot carry, in brackets after the bytes
            return Hex.of(a.data()) + (a.why().isEmpty() ? "" : " [" + a.why() + "]");
        }
        if (r instanceof Reply.Pending) {
            return "(pending)";
        }
        return SILENCE;
    }

    /** KWP2000: development session, seed, the right key. Returns the key's answer. */
    String unlockKwp() {
        send("10 86");
        int seed = seedOf(send("27 01"), 2);
        return send(
                String.format("27 02 %02X %02X", SecurityAccess.keyFor(seed) >> 8, SecurityAccess.keyFor(seed) & 0xFF));
    }

    /** KWP2000 in the current session: seed, the right key. Returns the key's answer. */
    String unlockKwpFromSeed() {
        int seed = seedOf(send("27 01"), 2);
        return send(
                String.format("27 02 %02X %02X", SecurityAccess.keyFor(seed) >> 8, SecurityAccess.keyFor(seed) & 0xFF));
    }

    /** KWP2000: the right key for a seed answer ("67 01 S1 S2") already received. */
    String unlockKwpFromSeedText(String seedAnswer) {
        int seed = seedOf(seedAnswer, 2);
        return send(
                String.format("27 02 %02X %02X", SecurityAccess.keyFor(seed) >> 8, SecurityAccess.keyFor(seed) & 0xFF));
    }

    /** DS2: START_DIAGNOSTICS, seed then key. Returns the key's answer. */
    String unlockDs2() {
        int seed = seedOf(send("01 01"), 1);
        return send(
                String.format("01 02 %02X %02X", SecurityAccess.keyFor(seed) >> 8, SecurityAccess.keyFor(seed) & 0xFF));
    }

    /** A key that is certainly wrong for the seed just issued. */
    static String wrongKey(int seed) {
        int k = SecurityAccess.keyFor(seed) ^ 0x5555;
        return String.format("%02X %02X", k >> 8, k & 0xFF);
    }

    /** The 16-bit seed at byte {@code at} of an answer in hex. */
    static int seedOf(String answer, int at) {
        byte[] b = Hex.parse(answer);
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    Diag perform(String action) {
        bench.perform(action);
        return this;
    }

    Diag after(String duration, String action) {
        bench.after(duration, action);
        return this;
    }

    Diag advance(String duration) {
        bench.advance(duration);
        return this;
    }

    Diag settle() {
        bench.settle();
        return this;
    }

    <T extends CarEvent> List<T> events(Class<T> type) {
        return bench.events(type);
    }

    /** Hex of a VIN's ASCII bytes. */
    static String vinHex(String vin) {
        return Hex.of(vin.getBytes(StandardCharsets.US_ASCII));
    }

    /** A serial and counter as a tester writes them: S3 S2 S1 S0 CH CL. */
    static String code(int serial, int counter) {
        return String.format(
                "%02X %02X %02X %02X %02X %02X",
                serial >>> 24,
                (serial >> 16) & 0xFF,
                (serial >> 8) & 0xFF,
                serial & 0xFF,
                counter >> 8,
                counter & 0xFF);
    }
}
