package cn.pipelinetracker.command.projectregion;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The region of each project, recorded with its registration (and moved by a correction of its details), for the
 * region rule of later commands. A region is read once and kept in memory (the {@value #KEPT} most recently used) for
 * {@link #KEEP_FOR}: most commands then skip a round trip to the database. A move made by this process is seen at
 * once; one made by another command-side process within {@link #KEEP_FOR} (moves are rare corrections).
 */
@Repository
public class ProjectRegions {

    private static final int KEPT = 100_000;
    static final Duration KEEP_FOR = Duration.ofSeconds(60);

    private record Kept(String region, long until) {
    }

    private final JdbcClient jdbc;
    private final Object wroteRegions = new Object();
    private final Map<String, Kept> known = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            return size() > KEPT;
        }
    });

    public ProjectRegions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a new project's region. Inside a transaction the row is written just before it commits, together with
     * the others the transaction recorded, and only for the projects whose events it stored: a batch's refused
     * registration leaves no row behind, and a batch of registrations costs one statement.
     */
    public void record(String projectId, String regionCode) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            jdbc.sql("INSERT INTO project_region (project_id, region_code) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(projectId, regionCode).update();
            return;
        }
        writtenInTransaction().recorded().put(projectId, regionCode);
    }

    public void move(String projectId, String regionCode) {
        Written written = writtenInTransaction();
        if (written.recorded().containsKey(projectId)) {
            written.recorded().put(projectId, regionCode);
            return;
        }
        jdbc.sql("UPDATE project_region SET region_code = ? WHERE project_id = ?").params(regionCode, projectId)
                .update();
        known.remove(projectId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            written.moved().put(projectId, regionCode);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    known.remove(projectId);
                }
            });
        }
    }

    /**
     * What the current transaction recorded (written before it commits) and moved. It reads its own writes, which a
     * savepoint may still roll back while the transaction commits (a refused group of a batch): what it reads is not
     * kept beyond it.
     */
    private record Written(Map<String, String> recorded, Map<String, String> moved) {

        String regionOf(String projectId) {
            String region = moved.get(projectId);
            return region != null ? region : recorded.get(projectId);
        }

        boolean any() {
            return !recorded.isEmpty() || !moved.isEmpty();
        }
    }

    private Written writtenInTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new Written(new HashMap<>(), new HashMap<>());
        }
        Written written = (Written) TransactionSynchronizationManager.getResource(wroteRegions);
        if (written == null) {
            Written bound = new Written(new LinkedHashMap<>(), new HashMap<>());
            TransactionSynchronizationManager.bindResource(wroteRegions, bound);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    insertRecorded(bound.recorded());
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(wroteRegions);
                }
            });
            written = bound;
        }
        return written;
    }

    private void insertRecorded(Map<String, String> recorded) {
        if (recorded.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO project_region (project_id, region_code)
                        SELECT project_id, region_code FROM unnest(?::text[], ?::text[]) AS r (project_id, region_code)
                        WHERE EXISTS (SELECT 1 FROM domain_event_entry e WHERE e.aggregate_identifier = r.project_id)
                        ON CONFLICT DO NOTHING""")
                .params(recorded.keySet().toArray(String[]::new), recorded.values().toArray(String[]::new))
                .update();
    }

    public Optional<String> regionOf(String projectId) {
        String written = TransactionSynchronizationManager.hasResource(wroteRegions)
                ? writtenInTransaction().regionOf(projectId) : null;
        if (written != null) {
            return Optional.of(written);
        }
        Kept kept = known.get(projectId);
        if (kept != null && kept.until() - System.nanoTime() > 0) {
            return Optional.of(kept.region());
        }
        String region = jdbc.sql("SELECT region_code FROM project_region WHERE project_id = ?").param(projectId)
                .query(String.class).optional().orElse(null);
        if (region != null) {
            keepOnceCommitted(projectId, region);
        }
        return Optional.ofNullable(region);
    }

    /** A region read inside a transaction is kept once it has committed (unless that transaction wrote regions). */
    private void keepOnceCommitted(String projectId, String region) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            keep(projectId, region);
            return;
        }
        if (TransactionSynchronizationManager.hasResource(wroteRegions) && writtenInTransaction().any()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                keep(projectId, region);
            }
        });
    }

    private void keep(String projectId, String region) {
        known.put(projectId, new Kept(region, System.nanoTime() + KEEP_FOR.toNanos()));
    }
}
