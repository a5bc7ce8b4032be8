package io.klinebench.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.bench.Action;
import io.klinebench.bench.CarSetup;
import io.klinebench.bench.KeySpec;
import io.klinebench.bench.Rig;
import io.klinebench.car.Slot;
import io.klinebench.config.ConfigException;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.kline.Ds2Telegram;
import io.klinebench.kline.Init;
import io.klinebench.kline.KwpFrame;
import io.klinebench.kline.LinkEvent;
import io.klinebench.line.Direction;
import io.klinebench.time.Durations;
import io.klinebench.time.Event;
import io.klinebench.time.VirtualClock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The whole module on its K-line (link layer, services, car) against whatever a broken or
 * hostile tester puts on the wire: it never throws, never hangs, never answers a frame with
 * a bad checksum, and its slot table stays consistent.
 */
class EcuProperties {

    record Burst(long gapNanos, byte[] bytes) {}

    private static Rig rig(String profile, VirtualClock clock) throws ConfigException {
        ProfileCatalog c = ProfileCatalog.builtIn();
        return new Rig(
                c.load(profile),
                c.loadDiagnostics(profile),
                CarSetup.of(KeySpec.remoteKey("A", 0x1A2B3C, 0), KeySpec.remoteKey("B", 0x2B3C4D, 1)),
                clock);
    }

    @Property(tries = 200)
    void randomBytesNeverThrowAndLeaveTheSlotsConsistent(
            @ForAll("profiles") String profile, @ForAll @Size(max = 40) List<@From("bursts") Burst> bursts)
            throws ConfigException {
        VirtualClock clock = new VirtualClock();
        Rig rig = rig(profile, clock);
        clock.advanceTo(Durations.S);
        if (profile.startsWith("r56")) {
            rig.perform(new Action.TesterInit(Init.FAST));
            clock.advanceBy(200 * Durations.MS);
        }
        for (Burst b : bursts) {
            clock.advanceBy(b.gapNanos());
            rig.perform(new Action.TesterRaw(b.bytes()));
        }
        boolean idle = clock.runUntilIdle(clock.nanos() + Durations.D);
        assertThat(idle).as("nothing keeps scheduling itself").isTrue();

        List<Event> events = rig.timeline().events();
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).at())
                    .isGreaterThanOrEqualTo(events.get(i - 1).at());
        }
        long received = rig.timeline().of(LinkEvent.FrameReceived.class).stream()
                .filter(f -> f.by() == Direction.ECU)
                .count();
        assertThat(rig.timeline().of(LinkEvent.Answered.class).size()).isLessThanOrEqualTo((int) received);
        Set<Integer> serials = new HashSet<>();
        List<Optional<Slot>> slots = rig.car().receiver().slots();
        for (int i = 0; i < slots.size(); i++) {
            int index = i;
            slots.get(i).ifPresent(s -> {
                assertThat(s.index()).isEqualTo(index);
                assertThat(serials.add(s.serial())).isTrue();
                assertThat(s.serial()).isBetween(1, 0x0FFFFFFF);
            });
        }
    }

    @Property(tries = 200)
    void kwpFramesWithABadChecksumAreNeverAnswered(
            @ForAll @Size(min = 1, max = 20) List<@From("requests") byte[]> requests,
            @ForAll @IntRange(min = 1, max = 255) int corruption)
            throws ConfigException {
        VirtualClock clock = new VirtualClock();
        Rig rig = rig("r56-2007-2013", clock);
        clock.advanceTo(Durations.S);
        rig.perform(new Action.TesterInit(Init.FAST));
        clock.advanceBy(200 * Durations.MS);
        for (byte[] data : requests) {
            byte[] frame = KwpFrame.physical(0x40, 0xF1, data).encode();
            frame[frame.length - 1] = (byte) (frame[frame.length - 1] + corruption);
            rig.perform(new Action.TesterRaw(frame));
            clock.advanceBy(Durations.S); // well past P3min, within P3max
        }
        clock.runUntilIdle(clock.nanos() + Durations.D);
        // Only StartCommunication was answered.
        assertThat(rig.timeline().of(LinkEvent.Answered.class))
                .extracting(a -> a.request().toString())
                .containsExactly("81");
    }

    @Property(tries = 200)
    void ds2TelegramsWithABadChecksumAreNeverAnswered(
            @ForAll @Size(min = 1, max = 20) List<@From("requests") byte[]> requests,
            @ForAll @IntRange(min = 1, max = 255) int corruption)
            throws ConfigException {
        VirtualClock clock = new VirtualClock();
        Rig rig = rig("r50-r53-2005-2008", clock);
        clock.advanceTo(Durations.S);
        for (byte[] data : requests) {
            byte[] telegram = new Ds2Telegram(0x00, data).encode();
            telegram[telegram.length - 1] = (byte) (telegram[telegram.length - 1] ^ corruption);
            rig.perform(new Action.TesterRaw(telegram));
            clock.advanceBy(Durations.S);
        }
        clock.runUntilIdle(clock.nanos() + Durations.D);
        assertThat(rig.timeline().of(LinkEvent.Answered.class)).isEmpty();
    }

    @Provide
    Arbitrary<String> profiles() {
        return Arbitraries.of("r50-r53-2002-2004", "r50-r53-2005-2008", "r56-2007-2013");
    }

    @Provide
    Arbitrary<Burst> bursts() {
        Arbitrary<Long> gap = Arbitraries.longs().between(0, 400 * Durations.MS);
        Arbitrary<byte[]> bytes = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(20),
                requests().map(d -> KwpFrame.physical(0x40, 0xF1, d).encode()),
                requests().map(d -> new Ds2Telegram(0x00, d).encode()));
        return Combinators.combine(gap, bytes).as(Burst::new);
    }

    /** Plausible requests: a known service or job byte first, then random parameters. */
    @Provide
    Arbitrary<byte[]> requests() {
        Arbitrary<Byte> first = Arbitraries.of(
                (byte) 0x10,
                (byte) 0x11,
                (byte) 0x14,
                (byte) 0x18,
                (byte) 0x1A,
                (byte) 0x21,
                (byte) 0x27,
                (byte) 0x30,
                (byte) 0x31,
                (byte) 0x33,
                (byte) 0x3B,
                (byte) 0x3E,
                (byte) 0x83,
                (byte) 0x00,
                (byte) 0x01,
                (byte) 0x0B,
                (byte) 0x0C,
                (byte) 0x11,
                (byte) 0x12,
                (byte) 0x1F);
        Arbitrary<byte[]> rest = Arbitraries.bytes().array(byte[].class).ofMaxSize(20);
        return Combinators.combine(first, rest).as((f, r) -> {
            byte[] out = new byte[r.length + 1];
            out[0] = f;
            System.arraycopy(r, 0, out, 1, r.length);
            return out;
        });
    }
}
