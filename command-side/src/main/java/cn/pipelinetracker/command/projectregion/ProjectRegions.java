package cn.pipelinetracker.command.projectregion;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The region of each project, recorded with its registration, for the region rule of later commands. A project's
 * region never changes, so once read it is kept in memory (the {@value #KEPT} most recently used): most commands then
 * skip a round trip to the database.
 */
@Repository
public class ProjectRegions {

    private static final int KEPT = 100_000;

    private final JdbcClient jdbc;
    private final Map<String, String> known = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > KEPT;
        }
    });

    public ProjectRegions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String projectId, String regionCode) {
        jdbc.sql("INSERT INTO project_region (project_id, region_code) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(projectId, regionCode).update();
    }

    public Optional<String> regionOf(String projectId) {
        String region = known.get(projectId);
        if (region == null) {
            region = jdbc.sql("SELECT region_code FROM project_region WHERE project_id = ?").param(projectId)
                    .query(String.class).optional().orElse(null);
            if (region != null) {
                keepOnceCommitted(projectId, region);
            }
        }
        return Optional.ofNullable(region);
    }

    /** A registration read inside a transaction may still roll back with it: kept only once it has committed. */
    private void keepOnceCommitted(String projectId, String region) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            known.put(projectId, region);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                known.put(projectId, region);
            }
        });
    }
}
