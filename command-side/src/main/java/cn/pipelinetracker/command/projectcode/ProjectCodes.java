package cn.pipelinetracker.command.projectcode;

import cn.pipelinetracker.command.handling.CommandRefusal;
import cn.pipelinetracker.platform.i18n.Phrase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which project holds each {@code projectCode}, written in the same transaction as the events: a registration claims
 * its code, voiding a project (entered in error) releases it.
 */
@Repository
public class ProjectCodes {

    private final JdbcClient jdbc;

    public ProjectCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the code for the project, or refuses with the project that holds it. */
    public void claim(String projectCode, String projectId) {
        int inserted = jdbc.sql("""
                        INSERT INTO project_code (project_code, project_id) VALUES (?, ?)
                        ON CONFLICT (project_code) DO NOTHING""")
                .params(projectCode, projectId)
                .update();
        if (inserted == 0) {
            String owner = jdbc.sql("SELECT project_id FROM project_code WHERE project_code = ?")
                    .param(projectCode).query(String.class).single();
            throw new CommandRefusal(CommandRefusal.Kind.CONFLICT, "duplicate-project-code", "projectCode",
                    Phrase.of("refusal.duplicate-project-code",
                            "projectCode " + projectCode + " is already registered to project " + owner,
                            projectCode, owner));
        }
    }

    public void releaseCodeOf(String projectId) {
        jdbc.sql("DELETE FROM project_code WHERE project_id = ?").param(projectId).update();
    }
}
