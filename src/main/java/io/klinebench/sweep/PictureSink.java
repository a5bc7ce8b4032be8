package io.klinebench.sweep;

import io.klinebench.report.SweepPage;

/**
 * Draws a whole sweep as its points stream past: keeps what the picture needs of each (see
 * {@link PictureGrid}: the cells drawn, capped, not every point), and at the end lays out the
 * picture ({@link SweepPicture}) with the boundaries and the counts; {@code
 * report.SweepReport} writes it as an HTML page or an SVG file.
 */
public final class PictureSink implements SweepSink {

    private final PictureGrid grid;
    private SweepPage page;

    /** @throws IllegalArgumentException for a sweep of more than two axes, saying so */
    public PictureSink(Sweep sweep) {
        this.grid = new PictureGrid(sweep);
    }

    @Override
    public void point(PointResult p) {
        grid.add(p);
    }

    @Override
    public void end(SweepResult result) {
        page = SweepPicture.of(grid, result);
    }

    /** The picture, once the sweep ended. */
    public SweepPage page() {
        if (page == null) {
            throw new IllegalStateException("the sweep has not ended: no picture yet");
        }
        return page;
    }
}
