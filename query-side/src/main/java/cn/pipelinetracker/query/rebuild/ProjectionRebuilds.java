package cn.pipelinetracker.query.rebuild;

import cn.pipelinetracker.query.ProjectionWriter;
import cn.pipelinetracker.query.campaign.CampaignProjection;
import cn.pipelinetracker.query.history.ProjectHistoryProjection;
import cn.pipelinetracker.query.position.ProjectionPositions;
import cn.pipelinetracker.query.projectview.ProjectViewProjection;
import cn.pipelinetracker.query.publication.PublicationProjection;
import cn.pipelinetracker.query.stats.MilestoneFactsProjection;
import cn.pipelinetracker.query.deadletter.StorableEvents;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Rebuilds every projection from the whole log into fresh tables while the live ones keep answering, then swaps them
 * in atomically (docs/decisions/0009-projection-rebuilds.md).
 * <ol>
 *     <li>Fresh, empty copies of the projection tables are created in schema {@code rebuild}; those a
 *     {@link ProjectFold} fills have no indexes yet.</li>
 *     <li>The log as of now is loaded set-based ({@link SetBasedLoad}): each project's events folded into rows and
 *     {@code COPY}ed, three workers at a time; the other aggregates' events go through the projections' handlers. Then
 *     the indexes are built and the derived tables ({@link DerivedProjectionTables}) refilled.</li>
 *     <li>The events appended since are replayed through the projections' own handlers, in batches, each batch in a
 *     transaction whose {@code search_path} puts schema {@code rebuild} first, so the same SQL writes the fresh
 *     tables.</li>
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
    static final List<String> TABLES = List.of("project_view", "project_history", "milestone_project",
            "milestone_fact", "campaign_view", "campaign_project", "publication_project_state", "publication_view",
            "period_view");
    private static final int SWITCH_ATTEMPTS = 5;
    /** Connections building indexes at once: one per core. */
    private static final int INDEX_BUILDERS = 2;
    private static final int BATCH = 1000;
    /** Replaying stops and the switch begins when fewer events than this are left. */
    private static final int SWITCH_WITHIN = 2000;
    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final long ADVISORY_LOCK = 0x5049_5045_5245_4255L; // "PIPEREBU"

    public record Rebuild(String rebuildId, Instant startedAt, Instant finishedAt, long totalEvents,
                          long processedEvents, Double eventsPerSecond, String failure, long skippedEvents,
                          Phase phase) {

        public double progress() {
            if (finishedAt != null) {
                return 1.0;
            }
            return totalEvents == 0 ? 0.0 : Math.min(1.0, (double) processedEvents / totalEvents);
        }
    }

    /** Where a rebuild is, in the order it gets there (shown with its progress, each logged with its duration). */
    public enum Phase { LOADING, INDEXING, REFILLING, CATCHING_UP, SWITCHING, FINISHED }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final EventStorageEngine storageEngine;
    /** A projection's handlers and the processing group whose dead-letter decisions apply to them. */
    private record ProjectionHandlers(String group, AnnotationEventHandlerAdapter handlers) {
    }

    private final List<ProjectionHandlers> projections;
    private final SetBasedLoad load;
    private final List<DerivedProjectionTables> derived;
    private final ProjectionWriter writes;
    private final ProjectionPositions positions;
    /** What the running rebuild leaves out; only its single worker thread touches it. */
    private LeftOut leftOut;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("projection-rebuild"));

    public ProjectionRebuilds(DataSource dataSource, JdbcClient jdbc, TransactionTemplate transaction,
                              EventStorageEngine storageEngine, ProjectViewProjection projectView,
                              ProjectHistoryProjection projectHistory, MilestoneFactsProjection milestoneFacts,
                              CampaignProjection campaigns, PublicationProjection publications,
                              ProjectionWriter writes, ProjectionPositions positions, List<ProjectFold> folds,
                              @Qualifier("eventSerializer") Serializer eventSerializer,
                              org.axonframework.config.Configuration axon,
                              ObjectProvider<DerivedProjectionTables> derived) {
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
        this.load = new SetBasedLoad(dataSource, eventSerializer, axon.upcasterChain(), folds.stream()
                .map(fold -> new SetBasedLoad.Folding(fold, projections.stream()
                        .filter(projection -> projection.group().equals(fold.group())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no projection of group " + fold.group()))
                        .handlers()))
                .toList());
        this.derived = derived.orderedStream().toList();
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
                               failure, skipped_events, phase
                        FROM projection_rebuild ORDER BY started_at DESC LIMIT 1""")
                .query((rs, row) -> new Rebuild(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getLong(4),
                        rs.getLong(5), rs.getObject(6) == null ? null : rs.getDouble(6), rs.getString(7),
                        rs.getLong(8), rs.getString(9) == null ? null : Phase.valueOf(rs.getString(9))))
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
        long started = System.nanoTime();
        long total = jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
        jdbc.sql("UPDATE projection_rebuild SET total_events = ?, processed_events = 0, phase = 'LOADING' "
                        + "WHERE rebuild_id = ?")
                .params(total, id).update();
        log.info("Projection rebuild {}: loading {} events into fresh tables", id, total);
        long[] processed = {0};
        TrackingToken token = loadSetBased(id, processed, started);
        log.info("Projection rebuild {}: {} events loaded in {} s; replaying those appended since", id, processed[0],
                String.format("%.1f", (System.nanoTime() - started) / 1e9));
        long catchingUp = System.nanoTime();
        while (true) {
            long head = positions.head();
            long behind = head - token.position().orElse(0);
            if (behind < SWITCH_WITHIN) {
                break;
            }
            token = replay(token, head, processed, id, started);
        }
        TrackingToken last = token;
        catchingUp = phaseDone(id, "catch-up from the load's end position", catchingUp, Phase.SWITCHING);
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
        phaseDone(id, "switch-over", catchingUp, Phase.FINISHED);
        log.info("Projection rebuild {} finished: {} events in {} s; the fresh tables are live", id, processed[0],
                String.format("%.1f", (System.nanoTime() - started) / 1e9));
    }

    /**
     * Fresh tables holding the whole log as of now, loaded set-based, indexed, the derived tables refilled; returns
     * the position the load reflects (the live events continue after it).
     */
    TrackingToken loadSetBased(String id, long[] processed, long started) {
        long phase = System.nanoTime();
        Map<String, Set<String>> skipped = skippedByAdministrators();
        leftOut = new LeftOut(skipped);
        prepareFreshTables(true);
        phase = phaseDone(id, "fresh tables", phase, Phase.LOADING);
        AtomicLong loaded = new AtomicLong();
        TrackingToken end;
        ExecutorService workers = Executors.newFixedThreadPool(SetBasedLoad.WORKERS, daemon("projection-rebuild-load"));
        try (SetBasedLoad.Snapshot snapshot = load.new Snapshot()) {
            phase = phaseDone(id, "snapshot and split", phase, Phase.LOADING);
            List<Future<LeftOut>> running = new ArrayList<>();
            for (String[] range : snapshot.ranges()) {
                running.add(workers.submit(() -> load.loadProjects(snapshot, range[0], range[1], new LeftOut(skipped),
                        loaded)));
            }
            List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
            snapshot.otherEvents(event -> {
                batch.add(event);
                if (batch.size() == BATCH) {
                    applyInRebuildSchema(batch);
                    processed[0] += batch.size();
                    batch.clear();
                }
            });
            applyInRebuildSchema(batch);
            processed[0] += batch.size();
            for (Future<LeftOut> worker : running) {
                leftOut.absorb(result(worker, "loading the fresh tables",
                        () -> progress(id, processed[0] + loaded.get(), started)));
            }
            end = snapshot.end;
        } catch (SQLException e) {
            throw new IllegalStateException("Projection rebuild: loading the fresh tables failed: " + e.getMessage(), e);
        } finally {
            workers.shutdownNow();
        }
        processed[0] += loaded.get();
        phase = phaseDone(id, "read, fold and COPY of " + processed[0] + " events", phase, Phase.INDEXING);
        log.info("Projection rebuild {}: load workers' time: {}", id, load.takeWorkerTimes());
        buildIndexes(id);
        phase = phaseDone(id, "indexes and ANALYZE", phase, Phase.REFILLING);
        refillDerivedTables();
        phaseDone(id, "refill of the derived tables", phase, Phase.CATCHING_UP);
        progress(id, processed[0], started);
        return end;
    }

    /** The task's result, running {@code whileWaiting} each second until it is there. */
    private static <T> T result(Future<T> task, String what, Runnable whileWaiting) {
        while (true) {
            try {
                return task.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException stillRunning) {
                whileWaiting.run();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Projection rebuild: " + what + " failed: "
                        + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Projection rebuild interrupted", e);
            }
        }
    }

    /**
     * Logs how long a step of rebuild {@code id} took (for operators and profiles) and records the phase it is in now;
     * returns now.
     */
    private long phaseDone(String id, String step, long since, Phase now) {
        long at = System.nanoTime();
        log.info("Projection rebuild {}: {} took {} s", id, step, String.format("%.2f", (at - since) / 1e9));
        jdbc.sql("UPDATE projection_rebuild SET phase = ? WHERE rebuild_id = ?").params(now.name(), id).update();
        return at;
    }

    private void progress(String id, long processed, long started) {
        double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
        jdbc.sql("UPDATE projection_rebuild SET processed_events = ?, events_per_second = ? WHERE rebuild_id = ?")
                .params(processed, processed / seconds, id).update();
    }

    private void applyInRebuildSchema(List<TrackedEventMessage<?>> events) {
        if (!events.isEmpty()) {
            transaction.executeWithoutResult(status -> {
                inRebuildSchema();
                events.forEach(this::apply);
            });
        }
    }

    /**
     * The indexes and constraints of the live tables, built on the loaded fresh tables that have none yet: sorted
     * builds instead of row-by-row maintenance during the load. Every index, a key's too, is built with
     * {@code CREATE INDEX}, which lets other index builds on the same table run beside it (an {@code ADD CONSTRAINT}
     * would lock the table for the length of its build); two connections take the builds largest table first, so that
     * both cores stay busy to the end. The keys are then declared on their built indexes ({@code USING INDEX}, no
     * second build), and the tables analyzed, again two at a time.
     */
    private void buildIndexes(String id) {
        List<String> builds = new ArrayList<>();
        List<String> keysAndStatistics = new ArrayList<>();
        for (String table : jdbc.sql("SELECT t FROM unnest(CAST(? AS text[])) AS t "
                        + "ORDER BY pg_relation_size(CAST('rebuild.' || t AS regclass)) DESC")
                .param(foldedTables().toArray(String[]::new)).query(String.class).list()) {
            String live = "public." + table;
            builds.addAll(jdbc.sql("""
                            SELECT regexp_replace(pg_get_indexdef(i.indexrelid),
                                                  '^(CREATE (UNIQUE )*INDEX) \\S+ ON (public\\.)*',
                                                  '\\1 ' || COALESCE(quote_ident(k.conname), '') || ' ON rebuild.')
                            FROM pg_index i
                            LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid
                                                         AND k.contype IN ('p', 'u')
                            WHERE i.indrelid = CAST(? AS regclass)
                              AND NOT EXISTS (SELECT 1 FROM pg_constraint other
                                              WHERE other.conindid = i.indexrelid AND other.conrelid = i.indrelid
                                                AND (other.contype = 'x'
                                                     OR other.contype IN ('p', 'u') AND other.condeferrable))
                            UNION ALL
                            SELECT 'ALTER TABLE rebuild.' || c.relname || ' ADD CONSTRAINT ' || quote_ident(k.conname)
                                   || ' ' || pg_get_constraintdef(k.oid)
                            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
                            WHERE k.conrelid = CAST(? AS regclass)
                              AND (k.contype = 'x' OR k.contype IN ('p', 'u') AND k.condeferrable)""")
                    .params(live, live).query(String.class).list());
            keysAndStatistics.addAll(jdbc.sql("""
                            SELECT 'ALTER TABLE rebuild.' || c.relname || ' ADD CONSTRAINT ' || quote_ident(k.conname)
                                   || CASE k.contype WHEN 'p' THEN ' PRIMARY KEY' ELSE ' UNIQUE' END
                                   || ' USING INDEX ' || quote_ident(k.conname)
                            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
                            WHERE k.conrelid = CAST(? AS regclass) AND k.contype IN ('p', 'u') AND NOT k.condeferrable""")
                    .param(live).query(String.class).list());
        }
        executeTwoAtATime(id, builds);
        for (String table : foldedTables()) {
            keysAndStatistics.add("ANALYZE rebuild." + table);
        }
        executeTwoAtATime(id, keysAndStatistics);
    }

    /** Runs the statements on two connections of the rebuild's own, each taking the next one left. */
    private void executeTwoAtATime(String id, List<String> statements) {
        ConcurrentLinkedQueue<String> left = new ConcurrentLinkedQueue<>(statements);
        ExecutorService builders = Executors.newFixedThreadPool(INDEX_BUILDERS, daemon("projection-rebuild-index"));
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int i = 0; i < INDEX_BUILDERS; i++) {
                running.add(builders.submit(() -> {
                    try (Connection connection = load.connect(); var statement = connection.createStatement()) {
                        statement.execute("SET maintenance_work_mem = '256MB'");
                        for (String next = left.poll(); next != null; next = left.poll()) {
                            long started = System.nanoTime();
                            statement.execute(next);
                            log.info("Projection rebuild {}: {} s for {}", id,
                                    String.format("%.2f", (System.nanoTime() - started) / 1e9), next);
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> builder : running) {
                result(builder, "building the indexes", () -> { });
            }
        } finally {
            builders.shutdownNow();
        }
    }

    /** After the base tables are loaded and indexed: the derived tables, filled from them. */
    private void refillDerivedTables() {
        for (DerivedProjectionTables tables : derived) {
            transaction.executeWithoutResult(status -> {
                inRebuildSchema();
                tables.refill(jdbc);
            });
        }
    }

    /** The whole log replayed through the handlers into fresh, indexed tables (as rebuilds did before 0009's fold). */
    void replayByHandlers() {
        leftOut = new LeftOut(skippedByAdministrators());
        prepareFreshTables(false);
        replay(null, positions.head(), new long[1], null, System.nanoTime());
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
                long locking = System.nanoTime();
                jdbc.sql("LOCK TABLE " + String.join(", ", allTables()) + " IN ACCESS EXCLUSIVE MODE").update();
                log.info("Projection rebuild {}: the live tables locked after {} s", id,
                        String.format("%.2f", (System.nanoTime() - locking) / 1e9));
                inRebuildSchema();
                try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(last, false)) {
                    events.forEach(event -> {
                        apply(event);
                        processed[0]++;
                    });
                }
                writes.flush();
                jdbc.sql("SET LOCAL search_path TO public").update();
                for (String table : allTables()) {
                    jdbc.sql("DROP TABLE IF EXISTS retired." + table).update();
                    jdbc.sql("ALTER TABLE public." + table + " SET SCHEMA retired").update();
                    jdbc.sql("ALTER TABLE rebuild." + table + " SET SCHEMA public").update();
                }
                double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
                jdbc.sql("""
                                UPDATE projection_rebuild SET finished_at = now(), processed_events = ?,
                                    total_events = GREATEST(total_events, ?), events_per_second = ?,
                                    skipped_events = ?, phase = 'FINISHED'
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
                applyInRebuildSchema(batch);
                processed[0] += batch.size();
                token = batch.get(batch.size() - 1).trackingToken();
                progress(id, processed[0], started);
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

    /** Empty copies of the live tables; with {@code folded}, those the folds fill have no indexes yet. */
    private void prepareFreshTables(boolean folded) {
        Set<String> withoutIndexes = folded ? foldedTables() : Set.of();
        transaction.executeWithoutResult(status -> {
            for (String table : allTables()) {
                jdbc.sql("DROP TABLE IF EXISTS rebuild." + table).update();
                jdbc.sql("CREATE TABLE rebuild." + table + " (LIKE public." + table + " INCLUDING ALL"
                        + (withoutIndexes.contains(table) ? " EXCLUDING INDEXES)" : ")")).update();
            }
        });
    }

    private Set<String> foldedTables() {
        return load.tables();
    }

    /** Every table a rebuild replaces: the base tables, then the derived ones. */
    private List<String> allTables() {
        List<String> tables = new ArrayList<>(TABLES);
        derived.forEach(derivedTables -> tables.addAll(derivedTables.tables()));
        return tables;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Makes the projections' unqualified table names mean the fresh tables, for this transaction only. */
    private void inRebuildSchema() {
        jdbc.sql("SET LOCAL search_path TO rebuild, public").update();
    }

}
