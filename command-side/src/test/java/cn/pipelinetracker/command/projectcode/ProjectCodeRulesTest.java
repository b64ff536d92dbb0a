package cn.pipelinetracker.command.projectcode;

import cn.pipelinetracker.command.handling.CommandEnvelope;
import cn.pipelinetracker.command.handling.CommandRefusal;
import cn.pipelinetracker.command.handling.CommandSource;
import cn.pipelinetracker.command.handling.CrossProjectRule;
import cn.pipelinetracker.command.project.RegisterProjectCommand;
import cn.pipelinetracker.command.project.VoidProjectCommand;
import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.RegionCode;
import cn.pipelinetracker.platform.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The project-code rules, each on its own, against a real PostgreSQL with the command side's tables. */
class ProjectCodeRulesTest {

    private JdbcClient jdbc;
    private CrossProjectRule<RegisterProjectCommand> unique;
    private CrossProjectRule<VoidProjectCommand> voidReleases;

    @BeforeEach
    void rules() {
        jdbc = JdbcClient.create(TestDatabase.withSchemas("event-store", "command-side"));
        ProjectCodes codes = new ProjectCodes(jdbc);
        unique = new ProjectCodeRules().projectCodeIsUnique(codes);
        voidReleases = new ProjectCodeRules().voidingReleasesTheProjectCode(codes);
    }

    private static RegisterProjectCommand registration(String code) {
        return new RegisterProjectCommand(UUID.randomUUID().toString(), code, "项目", "投资方", RegionCode.of("441202"),
                IndustryCode.of("NEW_ENERGY"), null, Money.ofYuan("100"), LocalDate.of(2024, 1, 2), null, null,
                List.of());
    }

    private static <C> CommandEnvelope envelope(C command) {
        return new CommandEnvelope(command, new CommandEnvelope.Actor("clerk", null), "c-1", null, null,
                CommandSource.HTTP);
    }

    @Test
    void aProjectCodeBelongsToOneProject() {
        RegisterProjectCommand first = registration("2301-441200-04-01-000001");
        unique.apply(first, envelope(first));
        RegisterProjectCommand second = registration("2301-441200-04-01-000001");

        assertThatThrownBy(() -> unique.apply(second, envelope(second)))
                .isInstanceOfSatisfying(CommandRefusal.class, refusal -> {
                    assertThat(refusal.kind()).isEqualTo(CommandRefusal.Kind.CONFLICT);
                    assertThat(refusal.code()).isEqualTo("duplicate-project-code");
                    assertThat(refusal.field()).isEqualTo("projectCode");
                    assertThat(refusal.phrase().args()).containsExactly("2301-441200-04-01-000001",
                            first.projectId());
                });
    }

    @Test
    void aRegistrationWithoutACodeClaimsNothing() {
        RegisterProjectCommand withoutCode = registration(null);
        unique.apply(withoutCode, envelope(withoutCode));
        unique.apply(withoutCode, envelope(withoutCode));
        assertThat(jdbc.sql("SELECT count(*) FROM project_code").query(Long.class).single()).isZero();
    }

    @Test
    void voidingAProjectGivesItsCodeBack() {
        RegisterProjectCommand entered = registration("2301-441200-04-01-000002");
        unique.apply(entered, envelope(entered));
        VoidProjectCommand voided = new VoidProjectCommand(entered.projectId(), null, "录入错误");
        voidReleases.apply(voided, envelope(voided));

        RegisterProjectCommand again = registration("2301-441200-04-01-000002");
        unique.apply(again, envelope(again));
        assertThat(jdbc.sql("SELECT project_id FROM project_code WHERE project_code = ?")
                .param("2301-441200-04-01-000002").query(String.class).single()).isEqualTo(again.projectId());
    }
}
