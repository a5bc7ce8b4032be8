package io.klinebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.klinebench.config.Pos;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;

/** Streaming, one row kept, the flips found are those of comparing every point with its neighbours. */
class NeighbourFlipsTest {

    private static final Random RANDOM = new Random(17);

    @RepeatedTest(50)
    void theFlipsAreEveryNeighbourPairOfDifferentOutcomesByAxisThenIndex() {
        int axes = 1 + RANDOM.nextInt(3);
        List<Axis> list = new ArrayList<>();
        for (int k = 0; k < axes; k++) {
            List<Long> values = new ArrayList<>();
            for (int i = 0, n = 1 + RANDOM.nextInt(6); i < n; i++) {
                values.add((long) i);
            }
            list.add(new Axis("a" + k, new Pos("s.yaml", 1, 1), Axis.Unit.INTEGER, values));
        }
        Sweep sweep = new Sweep("s.yaml", "", "seq", null, null, list, 1);
        String[] outcomes = new String[(int) sweep.size()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = "o" + RANDOM.nextInt(3);
        }

        NeighbourFlips streamed = new NeighbourFlips(sweep);
        for (int i = 0; i < outcomes.length; i++) {
            streamed.add(i, outcomes[i]);
        }

        // every point against the next along each axis, the whole grid at hand
        List<NeighbourFlips.Flip> expected = new ArrayList<>();
        long stride = sweep.size();
        for (int k = 0; k < axes; k++) {
            int n = list.get(k).values().size();
            stride /= n;
            for (int i = 0; i < outcomes.length; i++) {
                if (sweep.coordinates(i)[k] < n - 1 && !outcomes[i].equals(outcomes[(int) (i + stride)])) {
                    expected.add(new NeighbourFlips.Flip(k, i, outcomes[i], outcomes[(int) (i + stride)]));
                }
            }
        }
        assertThat(streamed.flips()).isEqualTo(expected);
    }
}
