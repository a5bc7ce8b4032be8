package io.klinebench.sweep;

import io.klinebench.config.Node;
import io.klinebench.config.ProfileCatalog;
import java.util.List;

/**
 * A sweep file, read and checked: the sequence's YAML tree (read once, run at every point),
 * the profiles it runs against, and the axes.
 *
 * @param file        the sweep file as given
 * @param sequence    the sequence as the sweep file names it
 * @param template    the sequence's YAML tree, parameters not yet substituted
 * @param profiles    where its profile comes from; every point reads the files from its cache
 * @param resolution  the width, in nanoseconds, to which boundaries are bisected; 0: no bisection
 */
public record Sweep(
        String file,
        String description,
        String sequence,
        Node template,
        ProfileCatalog profiles,
        List<Axis> axes,
        long resolution) {

    public Sweep {
        axes = List.copyOf(axes);
    }

    /** How many points the grid has: the product of the axes' sizes. */
    public long size() {
        long n = 1;
        for (Axis a : axes) {
            n = Math.multiplyExact(n, a.values().size());
        }
        return n;
    }

    public boolean bisects() {
        return resolution > 0;
    }

    /**
     * The grid index of each axis at point {@code index}: the first axis varies slowest,
     * the last fastest (row-major, as the points are numbered and written).
     */
    public int[] coordinates(long index) {
        int[] c = new int[axes.size()];
        for (int k = axes.size() - 1; k >= 0; k--) {
            int n = axes.get(k).values().size();
            c[k] = (int) (index % n);
            index /= n;
        }
        return c;
    }

    /** The point index of grid coordinates. */
    public long index(int[] coordinates) {
        long i = 0;
        for (int k = 0; k < axes.size(); k++) {
            i = i * axes.get(k).values().size() + coordinates[k];
        }
        return i;
    }

    /** The values at grid coordinates. */
    public long[] values(int[] coordinates) {
        long[] v = new long[axes.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = axes.get(k).values().get(coordinates[k]);
        }
        return v;
    }
}
