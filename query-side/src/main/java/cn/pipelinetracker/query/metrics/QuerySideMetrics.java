package cn.pipelinetracker.query.metrics;

import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.query.position.ProjectionPositions;
import cn.pipelinetracker.query.rebuild.ProjectionRebuilds;
import cn.pipelinetracker.query.projectview.Stage;
import cn.pipelinetracker.query.stats.Pipeline;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The query side's gauges, read from the database when scraped (cached for a moment, so that one scrape costs a few
 * queries): each processor's position, lag in events and seconds, and replay progress; dead letters; and the
 * pipeline of the root region by stage. Names in the README ("Metrics").
 */
@Component
public class QuerySideMetrics implements MeterBinder {

    private static final Duration FRESH = Duration.ofSeconds(2);

    private final ProjectionPositions positions;
    private final ProjectionRebuilds rebuilds;
    private final Pipeline pipeline;
    private final RegionTree regions;
    private final JdbcClient jdbc;

    public QuerySideMetrics(ProjectionPositions positions, ProjectionRebuilds rebuilds, Pipeline pipeline,
                            RegionTree regions, JdbcClient jdbc) {
        this.positions = positions;
        this.rebuilds = rebuilds;
        this.pipeline = pipeline;
        this.regions = regions;
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Supplier<Long> head = cached(positions::head);
        Supplier<Double> replayProgress = cached(() -> rebuilds.last()
                .filter(rebuild -> rebuild.finishedAt() == null)
                .map(ProjectionRebuilds.Rebuild::progress).orElse(1.0));
        for (String processor : positions.processorNames()) {
            Supplier<Long> position = cached(() -> positions.positionOf(processor));
            Gauge.builder("pipeline.projection.position", () -> position.get())
                    .description("Position up to which the processor has handled every event")
                    .tag("processor", processor).register(registry);
            Gauge.builder("pipeline.projection.lag.events", () -> Math.max(0, head.get() - position.get()))
                    .description("Events in the log that the processor has not handled yet")
                    .tag("processor", processor).register(registry);
            Supplier<Double> lag = cached(() -> lagSeconds(position.get()));
            Gauge.builder("pipeline.projection.lag.seconds", () -> lag.get())
                    .description("Age of the oldest event the processor has not handled yet")
                    .tag("processor", processor).register(registry);
            Gauge.builder("pipeline.projection.replay.progress", () -> replayProgress.get())
                    .description("Progress of a running rebuild, 0 to 1 (1 when none runs)")
                    .tag("processor", processor).register(registry);
        }
        Gauge.builder("pipeline.dead.letters", cached(() -> jdbc.sql("SELECT count(*) FROM dead_letter_entry")
                        .query(Long.class).single())::get)
                .description("Events parked in the dead-letter queue").register(registry);
        Supplier<Pipeline.Answer> stages = cached(() -> pipeline.of(regions.subtree(regions.root())));
        for (Stage stage : Stage.values()) {
            Gauge.builder("pipeline.stage.projects", () -> total(stages.get(), stage).projects())
                    .description("Active and suspended projects of the whole province now in this stage")
                    .tag("stage", stage.name()).register(registry);
            Gauge.builder("pipeline.stage.planned.investment", () -> total(stages.get(), stage)
                            .plannedInvestmentYuan())
                    .description("Their planned investment").baseUnit("yuan")
                    .tag("stage", stage.name()).register(registry);
        }
    }

    private double lagSeconds(long position) {
        return jdbc.sql("SELECT time_stamp FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT 1")
                .param(position).query(String.class).optional()
                .map(stamp -> Math.max(0, Duration.between(Instant.parse(stamp), Instant.now()).toMillis() / 1000.0))
                .orElse(0.0);
    }

    private static Pipeline.StageTotal total(Pipeline.Answer answer, Stage stage) {
        return answer.stages().stream().filter(total -> total.stage().equals(stage)).findFirst().orElseThrow();
    }

    /** A value read at most once per {@link #FRESH}. */
    private static <T> Supplier<T> cached(Supplier<T> source) {
        Map<String, Object> cache = new java.util.concurrent.ConcurrentHashMap<>();
        return () -> {
            Instant at = (Instant) cache.get("at");
            if (at == null || at.plus(FRESH).isBefore(Instant.now())) {
                cache.put("value", source.get());
                cache.put("at", Instant.now());
            }
            @SuppressWarnings("unchecked")
            T value = (T) cache.get("value");
            return value;
        };
    }
}
