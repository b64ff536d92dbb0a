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

    public void record(String projectId, String regionCode) {
        jdbc.sql("INSERT INTO project_region (project_id, region_code) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(projectId, regionCode).update();
        markWritten(projectId, regionCode);
    }

    public void move(String projectId, String regionCode) {
        jdbc.sql("UPDATE project_region SET region_code = ? WHERE project_id = ?").params(regionCode, projectId)
                .update();
        known.remove(projectId);
        markWritten(projectId, regionCode);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    known.remove(projectId);
                }
            });
        }
    }

    /**
     * A transaction that wrote regions reads its own writes, which a savepoint may still roll back while the
     * transaction commits (a refused group of a batch): what it reads is not kept beyond it. Within it, the regions it
     * wrote are answered without asking again (a batch registers a project and signs it in the next command).
     */
    private void markWritten(String projectId, String regionCode) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        if (!TransactionSynchronizationManager.hasResource(wroteRegions)) {
            TransactionSynchronizationManager.bindResource(wroteRegions, new HashMap<String, String>());
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(wroteRegions);
                }
            });
        }
        writtenInTransaction().put(projectId, regionCode);
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> writtenInTransaction() {
        Object written = TransactionSynchronizationManager.getResource(wroteRegions);
        return written == null ? Map.of() : (Map<String, String>) written;
    }

    public Optional<String> regionOf(String projectId) {
        String written = writtenInTransaction().get(projectId);
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
        if (TransactionSynchronizationManager.hasResource(wroteRegions)) {
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
