package cn.pipelinetracker.deploy.benchmark;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** How every part of the harness reports a figure measured over several rounds: the median, and min–max beside it. */
final class Rounds {

    private Rounds() {
    }

    /** The middle value, or the mean of the two middle values of an even count (not the better of them). */
    static double median(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** "min–max" with the given format for each end, e.g. {@code %.0f}. */
    static String range(String format, double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(format + "–" + format, sorted[0], sorted[sorted.length - 1]);
    }

    /** Writes a part's figures as {@code target/benchmark/FILE} and says where. */
    static void write(String file, Object results) throws IOException {
        Path out = Path.of("target", "benchmark", file);
        Files.createDirectories(out.getParent());
        Files.writeString(out, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(results));
        System.out.println("written to " + out.toAbsolutePath());
    }
}
