package cn.pipelinetracker.deploy.benchmark;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latency of one kind of request: 20 unmeasured, then {@code rounds} rounds of {@code times} each; p50 and p99
 * as the median of the rounds, the rounds' p99s min–max beside. Prints one line and answers the figures for the JSON.
 */
final class Latencies {

    /** One request; {@code i} counts the requests of a round. */
    interface Request {
        void send(int i) throws Exception;
    }

    private record Percentiles(double p50, double p99) {
    }

    private Latencies() {
    }

    static Map<String, Object> measure(String what, int rounds, int times, Request request) throws Exception {
        for (int i = 0; i < 20; i++) {
            request.send(i);
        }
        List<Percentiles> each = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Histogram latency = new Histogram(60_000_000L, 3);
            for (int i = 0; i < times; i++) {
                long start = System.nanoTime();
                request.send(i);
                latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            }
            each.add(new Percentiles(latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0));
        }
        double p50 = Rounds.median(each.stream().mapToDouble(Percentiles::p50).toArray());
        double[] p99s = each.stream().mapToDouble(Percentiles::p99).toArray();
        double p99 = Rounds.median(p99s);
        System.out.printf("  %-48s %7.2f / %7.2f  (%s)%n", what, p50, p99, Rounds.range("%.2f", p99s));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("p50_ms", p50);
        figures.put("p99_ms", p99);
        figures.put("p99_ms_each_round", p99s);
        return figures;
    }
}
