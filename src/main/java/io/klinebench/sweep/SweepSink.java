package io.klinebench.sweep;

import java.io.IOException;

/** Where a sweep's results go as they come: every point in index order, then the end. */
public interface SweepSink {

    void point(PointResult p) throws IOException;

    void end(SweepResult result) throws IOException;

    /** Several sinks as one. */
    static SweepSink all(java.util.List<SweepSink> sinks) {
        return new SweepSink() {
            @Override
            public void point(PointResult p) throws IOException {
                for (SweepSink s : sinks) {
                    s.point(p);
                }
            }

            @Override
            public void end(SweepResult result) throws IOException {
                for (SweepSink s : sinks) {
                    s.end(result);
                }
            }
        };
    }
}
