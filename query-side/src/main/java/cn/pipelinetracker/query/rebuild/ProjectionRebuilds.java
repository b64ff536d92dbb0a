package cn.pipelinetracker.query.rebuild;

import cn.pipelinetracker.query.ProjectionWriter;
import cn.pipelinetracker.query.campaign.CampaignProjection;
import cn.pipelinetracker.query.history.ProjectHistoryProjection;
import cn.pipelinetracker.query.position.ProjectionPositions;
import cn.pipelinetracker.query.projectview.ProjectViewProjection;
import cn.pipelinetracker.query.publication.PublicationProjection;
import cn.pipelinetracker.query.stats.Aggregates;
import cn.pipelinetracker.query.stats.MilestoneFactsProjection;
import cn.pipelinetracker.query.deadletter.StorableEvents;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Rebuilds every projection from the whole log into fresh tables while the live ones keep answering, then swaps them
 * in atomically (docs/decisions/0009-projection-rebuilds.md).
 * <ol>
 *     <li>Fresh, empty copies of the projection tables are created in schema {@code rebuild}.</li>
 *     <li>The log is replayed through the projections' own handlers, in batches, each batch in a transaction whose
 *     {@code search_path} puts schema {@code rebuild} first, so the same SQL writes the fresh tables.</li>
 *     <li>When the replay is close to the head, one transaction locks the live tables (queries and live processors
 *     wait a moment, nothing fails), applies the last events, and moves the live tables to schema {@code retired}
 *     and the fresh ones to {@code public}. The live processors carry on from their tokens into the fresh tables;
 *     the handlers are idempotent, so an event both replayed and then processed live counts once.</li>
 * </ol>
 * A rebuild interrupted by a crash is started again from the beginning at the next start of a query-side process.
 */
@Component
public class ProjectionRebuilds {

    /** Every table a projection writes, in the order the live writers lock them (milestone_project first). */
    static final List<String> TABLES = Stream.concat(Stream.of("project_view", "project_history", "milestone_project",
            "milestone_fact", "campaign_view", "campaign_project", "publication_project_state", "publication_view",
            "period_view"), Aggregates.TABLES.stream()).toList();
    private static final int SWITCH_ATTEMPTS = 5;
    private static final int BATCH = 1000;
    /** Replaying stops and the switch begins when fewer events than this are left. */
    private static final int SWITCH_WITHIN = 2000;
    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final long ADVISORY_LOCK = 0x5049_5045_5245_4255L; // "PIPEREBU"

    public record Rebuild(String rebuildId, Instant startedAt, Instant finishedAt, long totalEvents,
                          long processedEvents, Double eventsPerSecond, String failure, long skippedEvents) {

        public double progress() {
            if (finishedAt != null) {
                return 1.0;
            }
            return totalEvents == 0 ? 0.0 : Math.min(1.0, (double) processedEvents / totalEvents);
        }
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final EventStorageEngine storageEngine;
    /** A projection's handlers and the processing group whose dead-letter decisions apply to them. */
    private record ProjectionHandlers(String group, AnnotationEventHandlerAdapter handlers) {
    }

    private final List<ProjectionHandlers> projections;
    private final ProjectionWriter writes;
    private final ProjectionPositions positions;
    /** What the running rebuild leaves out; only its single worker thread touches it. */
    private LeftOut leftOut;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    public ProjectionRebuilds(DataSource dataSource, JdbcClient jdbc, TransactionTemplate transaction,
                              EventStorageEngine storageEngine, ProjectViewProjection projectView,
                              ProjectHistoryProjection projectHistory, MilestoneFactsProjection milestoneFacts,
                              CampaignProjection campaigns, PublicationProjection publications,
                              ProjectionWriter writes, ProjectionPositions positions) {
        this.positions = positions;
        this.dataSource = dataSource;
        this.writes = writes;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.storageEngine = storageEngine;
        this.projections = List.of(
                new ProjectionHandlers(ProjectViewProjection.PROCESSING_GROUP, new AnnotationEventHandlerAdapter(projectView)),
                new ProjectionHandlers(ProjectHistoryProjection.PROCESSING_GROUP,
                        new AnnotationEventHandlerAdapter(projectHistory)),
                new ProjectionHandlers(MilestoneFactsProjection.PROCESSING_GROUP,
                        new AnnotationEventHandlerAdapter(milestoneFacts)),
                new ProjectionHandlers(CampaignProjection.PROCESSING_GROUP, new AnnotationEventHandlerAdapter(campaigns)),
                new ProjectionHandlers(PublicationProjection.PROCESSING_GROUP,
                        new AnnotationEventHandlerAdapter(publications)));
    }

    /** Starts a rebuild in the background; empty if one is running already. */
    public Optional<String> start() {
        String id = UUID.randomUUID().toString();
        int inserted = jdbc.sql("""
                        INSERT INTO projection_rebuild (rebuild_id, started_at) VALUES (?, now())
                        ON CONFLICT DO NOTHING""")
                .param(id).update();
        if (inserted == 0) {
            return Optional.empty();
        }
        worker.submit(() -> run(id));
        return Optional.of(id);
    }

    public Optional<Rebuild> last() {
        return jdbc.sql("""
                        SELECT rebuild_id, started_at, finished_at, total_events, processed_events, events_per_second,
                               failure, skipped_events
                        FROM projection_rebuild ORDER BY started_at DESC LIMIT 1""")
                .query((rs, row) -> new Rebuild(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getLong(4),
                        rs.getLong(5), rs.getObject(6) == null ? null : rs.getDouble(6), rs.getString(7),
                        rs.getLong(8)))
                .optional();
    }

    /** A rebuild that a crash interrupted starts again from the beginning. */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeInterrupted() {
        last().filter(rebuild -> rebuild.finishedAt() == null).ifPresent(rebuild -> {
            log.info("Projection rebuild {} was interrupted; starting it again", rebuild.rebuildId());
            worker.submit(() -> run(rebuild.rebuildId()));
        });
    }

    /**
     * Runs the rebuild while holding a session advisory lock on a connection of its own: a second process resuming
     * the same rebuild finds it taken and leaves it, and a crash releases it with the connection.
     */
    private void run(String id) {
        try (Connection lock = dataSource.getConnection();
             PreparedStatement tryLock = lock.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            tryLock.setLong(1, ADVISORY_LOCK);
            try (ResultSet result = tryLock.executeQuery()) {
                if (!result.next() || !result.getBoolean(1)) {
                    log.info("Projection rebuild {} runs in another process", id);
                    return;
                }
            }
            try {
                boolean finished = jdbc.sql("SELECT finished_at IS NOT NULL FROM projection_rebuild WHERE rebuild_id = ?")
                        .param(id).query(Boolean.class).optional().orElse(true);
                if (!finished) {
                    rebuild(id);
                }
            } catch (RuntimeException e) {
                log.error("Projection rebuild {} failed; the live tables are untouched. POST a new rebuild to try again",
                        id, e);
                jdbc.sql("UPDATE projection_rebuild SET finished_at = now(), failure = ? WHERE rebuild_id = ?")
                        .params(String.valueOf(e.getMessage()), id).update();
            } finally {
                try (PreparedStatement unlock = lock.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, ADVISORY_LOCK);
                    unlock.execute();
                }
            }
        } catch (SQLException e) {
            log.error("Projection rebuild {} could not take its lock; it starts again at the next start", id, e);
        }
    }

    private void rebuild(String id) {
        {
            leftOut = new LeftOut(skippedByAdministrators());
            long started = System.nanoTime();
            prepareFreshTables();
            long total = jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
            jdbc.sql("UPDATE projection_rebuild SET total_events = ?, processed_events = 0 WHERE rebuild_id = ?")
                    .params(total, id).update();
            log.info("Projection rebuild {}: replaying {} events into fresh tables", id, total);
            long[] processed = {0};
            TrackingToken token = null;
            while (true) {
                long head = positions.head();
                long behind = head - (token == null ? 0 : token.position().orElse(0));
                if (behind < SWITCH_WITHIN) {
                    break;
                }
                token = replay(token, head, processed, id, started);
            }
            TrackingToken last = token;
            for (int attempt = 1; ; attempt++) {
                LeftOut beforeTheAttempt = leftOut.copy();
                try {
                    switchOver(id, last, processed, started);
                    break;
                } catch (org.springframework.dao.DataAccessException busy) {
                    leftOut = beforeTheAttempt;
                    // a lock not granted in time, or a deadlock PostgreSQL broke: the live tables are untouched
                    if (attempt == SWITCH_ATTEMPTS) {
                        throw busy;
                    }
                    log.warn("Projection rebuild {}: switch-over attempt {} failed ({}); trying again", id, attempt,
                            busy.getMostSpecificCause().getMessage());
                }
            }
            log.info("Projection rebuild {} finished: {} events in {} s; the fresh tables are live", id, processed[0],
                    String.format("%.1f", (System.nanoTime() - started) / 1e9));
        }
    }

    /**
     * Locks the live tables (in the live writers' order, waiting at most 5 s), applies the events after {@code last}
     * and swaps the fresh tables in, all in one transaction.
     */
    private void switchOver(String id, TrackingToken last, long[] processed, long started) {
        long before = processed[0];
        try {
            transaction.executeWithoutResult(status -> {
                jdbc.sql("SET LOCAL lock_timeout = '5s'").update();
                jdbc.sql("LOCK TABLE " + String.join(", ", TABLES) + " IN ACCESS EXCLUSIVE MODE").update();
                inRebuildSchema();
                try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(last, false)) {
                    events.forEach(event -> {
                        apply(event);
                        processed[0]++;
                    });
                }
                writes.flush();
                jdbc.sql("SET LOCAL search_path TO public").update();
                for (String table : TABLES) {
                    jdbc.sql("DROP TABLE IF EXISTS retired." + table).update();
                    jdbc.sql("ALTER TABLE public." + table + " SET SCHEMA retired").update();
                    jdbc.sql("ALTER TABLE rebuild." + table + " SET SCHEMA public").update();
                }
                double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
                jdbc.sql("""
                                UPDATE projection_rebuild SET finished_at = now(), processed_events = ?,
                                    total_events = GREATEST(total_events, ?), events_per_second = ?,
                                    skipped_events = ?
                                WHERE rebuild_id = ?""")
                        .params(processed[0], processed[0], processed[0] / seconds, leftOut.events(), id).update();
            });
        } catch (RuntimeException e) {
            processed[0] = before;
            throw e;
        }
    }

    /** Replays the events after {@code from} up to {@code head}, a batch per transaction; returns the last token. */
    private TrackingToken replay(TrackingToken from, long head, long[] processed, String id, long started) {
        TrackingToken token = from;
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(from, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            boolean more = true;
            while (more) {
                List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
                while (batch.size() < BATCH && iterator.hasNext()) {
                    TrackedEventMessage<?> event = iterator.next();
                    batch.add(event);
                    if (event.trackingToken().position().orElse(0) >= head) {
                        break;
                    }
                }
                if (batch.isEmpty()) {
                    break;
                }
                transaction.executeWithoutResult(status -> {
                    inRebuildSchema();
                    batch.forEach(this::apply);
                });
                processed[0] += batch.size();
                token = batch.get(batch.size() - 1).trackingToken();
                double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
                jdbc.sql("UPDATE projection_rebuild SET processed_events = ?, events_per_second = ? "
                        + "WHERE rebuild_id = ?").params(processed[0], processed[0] / seconds, id).update();
                more = token.position().orElse(0) < head && iterator.hasNext();
            }
        }
        return token;
    }

    /**
     * Hands one event to every projection, leaving it out where the live processors left it out: skipped there by an
     * administrator, or behind an event of its project that the projection could not take. An event a projection
     * cannot take now parks its project there, and the rebuild goes on instead of failing (decision 0013).
     */
    private void apply(TrackedEventMessage<?> event) {
        String project = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        boolean leftOutSomewhere = false;
        for (ProjectionHandlers projection : projections) {
            if (leftOut.excludes(projection.group(), event.getIdentifier(), project)) {
                leftOutSomewhere = true;
                continue;
            }
            try {
                if (projection.handlers().canHandle(event)) {
                    StorableEvents.requireStorable(event.getPayload());
                    projection.handlers().handle(event);
                }
            } catch (Exception e) {
                log.warn("Projection rebuild: {} left out event at {} (project {}) with the project's later events: {}",
                        projection.group(), event.trackingToken(), project, e.toString());
                leftOut.park(projection.group(), project);
                leftOutSomewhere = true;
            }
        }
        if (leftOutSomewhere) {
            leftOut.countEvent();
        }
    }

    /** The events administrators skipped, with the processing groups they skipped them in. */
    private Map<String, Set<String>> skippedByAdministrators() {
        Map<String, Set<String>> skipped = new HashMap<>();
        jdbc.sql("SELECT event_identifier, processing_group FROM dead_letter_skip")
                .query(rs -> {
                    skipped.computeIfAbsent(rs.getString(1), event -> new HashSet<>()).add(rs.getString(2));
                });
        return skipped;
    }

    private void prepareFreshTables() {
        transaction.executeWithoutResult(status -> {
            for (String table : TABLES) {
                jdbc.sql("DROP TABLE IF EXISTS rebuild." + table).update();
                jdbc.sql("CREATE TABLE rebuild." + table + " (LIKE public." + table + " INCLUDING ALL)").update();
            }
        });
    }

    /** Makes the projections' unqualified table names mean the fresh tables, for this transaction only. */
    private void inRebuildSchema() {
        jdbc.sql("SET LOCAL search_path TO rebuild, public").update();
    }

}
