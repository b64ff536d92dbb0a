package cn.pipelinetracker.command.projectcode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/** The region of each project, recorded with its registration, for the region rule of later commands. */
@Repository
public class ProjectRegions {

    private final JdbcClient jdbc;

    public ProjectRegions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String projectId, String regionCode) {
        jdbc.sql("INSERT INTO project_region (project_id, region_code) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(projectId, regionCode).update();
    }

    public Optional<String> regionOf(String projectId) {
        return jdbc.sql("SELECT region_code FROM project_region WHERE project_id = ?").param(projectId)
                .query(String.class).optional();
    }
}
