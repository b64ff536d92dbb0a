package cn.pipelinetracker.deploy.benchmark;

import java.util.Arrays;

/** How every part of the harness reports a figure measured over several rounds: the median, and min–max beside it. */
final class Rounds {

    private Rounds() {
    }

    static double median(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** "min–max" with the given format for each end, e.g. {@code %.0f}. */
    static String range(String format, double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(format + "–" + format, sorted[0], sorted[sorted.length - 1]);
    }
}
