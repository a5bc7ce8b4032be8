package io.klinebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sweep's results do not depend on how many threads ran it: every point is deterministic and written in order. */
class SweepThreadsTest {

    @Test
    void oneAndFourThreadsWriteTheSameJsonPointsAndBoundariesIncluded() throws Exception {
        Sweep sweep = SweepLoader.load(Path.of("bench-config/sweeps/r56-2007-2013-run-time.yaml"), List.of());

        String one = SweepFiles.json(sweep, 1, Shard.WHOLE);
        String four = SweepFiles.json(sweep, 4, Shard.WHOLE);

        assertThat(four).isEqualTo(one);
        assertThat(one).contains("\"index\":27", "\"boundaries\":[\n{");
    }

    @Test
    void aGridWithJitterAndAProfileAxisIsTheSameOnThreeThreadsAsOnOne() throws Exception {
        Sweep jittered = SweepLoader.load(Path.of("bench-config/sweeps/r50-r53-2002-2004-key-out.yaml"), List.of());
        Sweep profileAxis = SweepLoader.load(Path.of("bench-config/sweeps/r53-2005-2008-run-time.yaml"), List.of());

        assertThat(SweepFiles.json(jittered, 3, Shard.WHOLE)).isEqualTo(SweepFiles.json(jittered, 1, Shard.WHOLE));
        assertThat(SweepFiles.json(profileAxis, 3, Shard.WHOLE))
                .isEqualTo(SweepFiles.json(profileAxis, 1, Shard.WHOLE));
    }
}
