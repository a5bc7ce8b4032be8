package io.klinebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.car.Profile;
import io.klinebench.config.ProfileCatalog;
import io.klinebench.time.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bisection finds each profile limit a step timing can reach to the sweep's resolution: the
 * value on the passing side is within the limit (inclusive), the one on the failing side
 * beyond it, and they are no further apart than the resolution. The limits are read from
 * the profiles, not written here.
 */
class SweepBisectionTest {

    private static final ProfileCatalog PROFILES = ProfileCatalog.searching(List.of(Path.of("bench-config/profiles")));

    /** The gesture in r53-2005-2008-ritual takes 1.7 s from holding UNLOCK to letting go (500+500+500+200 ms). */
    private static final long GESTURE = 1_700 * Durations.MS;

    @TempDir
    static Path dir;

    static Stream<Arguments> limits() {
        return Stream.of(
                limit(
                        "r53-2005-2008-ritual",
                        "r50-r53-2005-2008",
                        "key_out",
                        "1s",
                        "8s",
                        "1ms",
                        true,
                        p -> p.completion().keyOutDeadlineNanos()),
                limit(
                        "r53-2005-2008-ritual",
                        "r50-r53-2005-2008",
                        "key_out",
                        "3s",
                        "9s",
                        "1us",
                        true,
                        p -> p.completion().keyOutDeadlineNanos()),
                limit(
                        "r53-2005-2008-ritual",
                        "r50-r53-2005-2008",
                        "run_time",
                        "2s",
                        "9s",
                        "1ms",
                        true,
                        p -> p.cycles().maxRunNanos()),
                limit(
                        "r53-2005-2008-ritual",
                        "r50-r53-2005-2008",
                        "run_time",
                        "100ms",
                        "2s",
                        "1ms",
                        false,
                        p -> p.cycles().minRunNanos()),
                limit(
                        "r53-2005-2008-ritual",
                        "r50-r53-2005-2008",
                        "off_time",
                        "1s",
                        "9s",
                        "1ms",
                        true,
                        p -> p.cycles().maxOffNanos()),
                limit(
                        "r53-2005-2008-ritual",
                        "r50-r53-2005-2008",
                        "gesture_wait",
                        "10s",
                        "29s",
                        "1ms",
                        true,
                        p -> p.completion().firstRemoteNanos() - GESTURE),
                limit(
                        "r53-2005-2008-ritual",
                        "r50-r53-2005-2008",
                        "release_gap",
                        "0s",
                        "1s",
                        "1ms",
                        true,
                        p -> p.completion().releaseToleranceNanos()),
                limit(
                        "r50-r53-2002-2004-ritual",
                        "r50-r53-2002-2004",
                        "release_gap",
                        "0s",
                        "1s",
                        "100us",
                        true,
                        p -> p.completion().releaseToleranceNanos()),
                limit(
                        "r56-2007-2013-three-cycles",
                        "r56-2007-2013",
                        "run_time",
                        "2s",
                        "9s",
                        "1ms",
                        true,
                        p -> p.cycles().maxRunNanos()),
                limit(
                        "r56-2007-2013-three-cycles",
                        "r56-2007-2013",
                        "run_time",
                        "100ms",
                        "2s",
                        "10us",
                        false,
                        p -> p.cycles().minRunNanos()),
                limit(
                        "r56-2007-2013-three-cycles",
                        "r56-2007-2013",
                        "off_time",
                        "1s",
                        "9s",
                        "1ms",
                        true,
                        p -> p.cycles().maxOffNanos()));
    }

    private static Arguments limit(
            String sequence,
            String profile,
            String axis,
            String from,
            String to,
            String resolution,
            boolean atMost,
            ToLongFunction<Profile> limit) {
        return Arguments.of(sequence, profile, axis, from, to, resolution, atMost, limit);
    }

    @ParameterizedTest(name = "{0} {2} finds its limit to {5}")
    @MethodSource("limits")
    void bisectionFindsTheProfileLimitToTheResolution(
            String sequence,
            String profile,
            String axis,
            String from,
            String to,
            String resolution,
            boolean atMost,
            ToLongFunction<Profile> limitOf)
            throws Exception {
        Path file = SweepFiles.write(
                dir,
                sequence,
                "axes:",
                "  - {name: " + axis + ", from: " + from + ", to: " + to + ", steps: 4}",
                "boundaries: {resolution: " + resolution + "}");
        Sweep sweep = SweepLoader.load(file, List.of());
        long limit = limitOf.applyAsLong(PROFILES.load(profile));

        SweepResult r = SweepFiles.run(sweep);

        assertThat(r.boundaries()).hasSize(1);
        assertWithin(r.boundaries().get(0), limit, Durations.parse(resolution), atMost);
    }

    /** Any key-out deadline a profile may give, swept as a profile value, is found along the step timing. */
    @Property(tries = 8)
    void aProfileValueSweptIsFoundAgainAlongTheStepTiming(
            @ForAll @LongRange(min = 1_500, max = 20_000) long deadlineMillis,
            @ForAll @LongRange(min = 1, max = 5_000) long resolutionMicros)
            throws Exception {
        long deadline = deadlineMillis * Durations.MS + 7; // off any grid: a few ns past the millisecond
        Path tmp = Files.createTempDirectory("sweep-bisection");
        Path file = SweepFiles.write(
                tmp,
                "r53-2005-2008-ritual",
                "axes:",
                "  - {name: profile.completion.key-out-deadline, values: [" + deadline + "ns]}",
                "  - {name: key_out, from: 1s, to: 21s, steps: 3}",
                "boundaries: {resolution: " + resolutionMicros + "us}");
        Sweep sweep = SweepLoader.load(file, List.of());
        Files.delete(file);
        Files.delete(tmp);

        SweepResult r = new Sweeper(sweep, 2).run(Shard.WHOLE, SweepSink.all(List.of()), PointProgress.NONE);

        assertThat(r.boundaries()).hasSize(1);
        assertWithin(r.boundaries().get(0), deadline, resolutionMicros * Durations.US, true);
    }

    /** An integer axis is bisected to 1: the cycle count the profile asks for, against the sequence's four cycles. */
    @org.junit.jupiter.api.Test
    void anIntegerProfileValueIsBisectedToOne() throws Exception {
        Path file = SweepFiles.write(
                dir,
                "r53-2005-2008-ritual",
                "axes:",
                "  - {name: profile.cycles.count, values: [4, 12]}",
                "boundaries: {resolution: 1ms}");

        SweepResult r = SweepFiles.run(SweepLoader.load(file, List.of()));

        assertThat(r.boundaries()).hasSize(1);
        Boundary b = r.boundaries().get(0);
        assertThat(b.last()).isEqualTo(4);
        assertThat(b.first()).isEqualTo(5);
        assertThat(b.resolution()).isEqualTo(1);
        assertThat(b.describe()).startsWith("profile.cycles.count flips from 'passed' at 4 to 'failed, ");
        assertThat(b.limitText()).isEqualTo("between 4 and 5");
    }

    /**
     * Along the rolling-code distance (an integer axis of the car, not of a timing), the ritual is
     * the fix from one code beyond the profile's resync window: up to it, the remote's first
     * code is taken, or held for the next, and the sequence fails at its check that the first
     * press is refused as out of the window, said as that check, with its line.
     */
    @org.junit.jupiter.api.Test
    void theCodeDistanceIsBisectedToOneAtTheResyncWindowAndTheFailedSideNamesItsCheck() throws Exception {
        Path file = SweepFiles.write(
                dir,
                "r53-2005-2008-ritual",
                "axes:",
                "  - {name: codes_ahead, values: [1, 20000, 40000]}",
                "boundaries: {resolution: 1ms}");
        long window = PROFILES.load("r50-r53-2005-2008").rollingCode().resyncWindow();

        SweepResult r = SweepFiles.run(SweepLoader.load(file, List.of()));

        assertThat(r.boundaries()).hasSize(1);
        Boundary b = r.boundaries().get(0);
        assertThat(b.last()).isEqualTo(window);
        assertThat(b.first()).isEqualTo(window + 1);
        assertThat(b.fromOutcome())
                .startsWith("failed, not met: remote-code-rejected {remote=A, reason=outside-window} happens")
                .endsWith("(line 38)");
        assertThat(b.toOutcome()).isEqualTo("passed");
    }

    /** A value the profile refuses makes its point invalid, with the message; the sweep goes on. */
    @org.junit.jupiter.api.Test
    void aProfileValueTheProfileRefusesIsAnInvalidPoint() throws Exception {
        Path file = SweepFiles.write(
                dir, "r53-2005-2008-ritual", "axes:", "  - {name: profile.cycles.max-run-time, values: [100ms, 5s]}");
        Sweep sweep = SweepLoader.load(file, List.of());
        java.util.List<PointResult> points = new java.util.ArrayList<>();
        new Sweeper(sweep, 2)
                .run(
                        Shard.WHOLE,
                        new SweepSink() {
                            @Override
                            public void point(PointResult p) {
                                points.add(p);
                            }

                            @Override
                            public void end(SweepResult result) {}
                        },
                        PointProgress.NONE);

        assertThat(points).extracting(PointResult::outcome).containsExactly("invalid", "passed");
        assertThat(points.get(0).error()).contains("cycles.max-run-time", "min-run-time");
    }

    private static void assertWithin(Boundary b, long limit, long resolution, boolean atMost) {
        long passed = b.fromOutcome().equals("passed") ? b.last() : b.first();
        long failed = passed == b.last() ? b.first() : b.last();
        assertThat(b.fromOutcome().equals("passed") || b.toOutcome().equals("passed"))
                .as(b.describe())
                .isTrue();
        assertThat(Math.abs(b.first() - b.last())).as(b.describe()).isPositive().isLessThanOrEqualTo(resolution);
        if (atMost) {
            assertThat(passed).as(b.describe()).isLessThanOrEqualTo(limit);
            assertThat(failed).as(b.describe()).isGreaterThan(limit);
        } else {
            assertThat(passed).as(b.describe()).isGreaterThanOrEqualTo(limit);
            assertThat(failed).as(b.describe()).isLessThan(limit);
        }
    }
}
