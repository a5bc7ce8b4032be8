package io.klinebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * Points go to the pool in batches (up to 64 in a row, fewer for a small sweep): a grid big
     * enough for full batches, whose batches end inside a row and at the grid's odd end, reads
     * the same on three threads as on one, and a shard of it is the whole's points of that shard.
     */
    @Test
    void pointsInBatchesAreTheSameOnThreeThreadsAsOnOneAndInAShard(@TempDir Path dir) throws Exception {
        Sweep grid = SweepLoader.load(
                SweepFiles.write(
                        dir,
                        "r53-2005-2008-ritual",
                        "axes:",
                        "  - {name: run_time, from: 100ms, to: 7s, steps: 41}",
                        "  - {name: key_out, from: 100ms, to: 8s, steps: 37}"),
                List.of());

        String one = SweepFiles.json(grid, 1, Shard.WHOLE);
        assertThat(SweepFiles.json(grid, 3, Shard.WHOLE)).isEqualTo(one);
        assertThat(one).contains("\"index\":1516", "cycles.max-run-time missed", "key-out-too-late");

        String shard = SweepFiles.json(grid, 3, new Shard(2, 3));
        String shardOnOne = SweepFiles.json(grid, 1, new Shard(2, 3));
        assertThat(shard).isEqualTo(shardOnOne).contains("\"index\":1").doesNotContain("\"index\":0,");
        int inShard = 0;
        for (String line : one.split("\n")) {
            String point = line.startsWith(",") ? line.substring(1) : line; // points after the first start with ','
            if (point.startsWith("{\"index\":")) {
                long index = Long.parseLong(point.substring(9, point.indexOf(',')));
                if (index % 3 == 1) {
                    assertThat(shard).contains(point);
                    inShard++;
                }
            }
        }
        assertThat(inShard).isEqualTo(506); // 1, 4, ... 1516 of the 1,517 points
    }
}
