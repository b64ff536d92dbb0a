package cn.pipelinetracker.command.projectregion;

import cn.pipelinetracker.command.handling.CommandEnvelope;
import cn.pipelinetracker.command.handling.CommandRefusal;
import cn.pipelinetracker.command.handling.CommandSource;
import cn.pipelinetracker.command.handling.CrossProjectRule;
import cn.pipelinetracker.command.project.ProjectCommand;
import cn.pipelinetracker.command.project.RegisterProjectCommand;
import cn.pipelinetracker.command.project.SuspendProjectCommand;
import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.RegionCode;
import cn.pipelinetracker.platform.reference.IndustryList;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules about where a project lies, each on its own, against a real PostgreSQL with the command side's tables. */
class ProjectRegionRulesTest {

    private static final RegionTree REGIONS = RegionTree.bundled();
    private final ProjectRegionRules rules = new ProjectRegionRules();
    private ProjectRegions projectRegions;

    @BeforeEach
    void database() {
        projectRegions = new ProjectRegions(JdbcClient.create(TestDatabase.withSchemas("event-store",
                "command-side")));
    }

    private static RegisterProjectCommand registration(String region, String industry) {
        return new RegisterProjectCommand(UUID.randomUUID().toString(), null, "项目", "投资方", RegionCode.of(region),
                IndustryCode.of(industry), null, Money.ofYuan("100"), LocalDate.of(2024, 1, 2), null, null,
                List.of());
    }

    private static CommandEnvelope by(String actorRegion, Object command) {
        return new CommandEnvelope(command, new CommandEnvelope.Actor("clerk", actorRegion), "c-1", null, null,
                CommandSource.PAGE);
    }

    private static void assertRefused(Runnable rule, CommandRefusal.Kind kind, String code, String field) {
        assertThatThrownBy(rule::run).isInstanceOfSatisfying(CommandRefusal.class, refusal -> {
            assertThat(refusal.kind()).isEqualTo(kind);
            assertThat(refusal.code()).isEqualTo(code);
            assertThat(refusal.field()).isEqualTo(field);
        });
    }

    @Test
    void aRegistrationNamesARegionAndAnIndustryThatExist() {
        var known = rules.registrationNamesKnownReferences(REGIONS, IndustryList.bundled());
        var fine = registration("441202", "NEW_ENERGY");
        assertThatCode(() -> known.apply(fine, by(null, fine))).doesNotThrowAnyException();
        var nowhere = registration("449999", "NEW_ENERGY");
        assertRefused(() -> known.apply(nowhere, by(null, nowhere)), CommandRefusal.Kind.INVALID, "invalid-request",
                "regionCode");
        var alchemy = registration("441202", "ALCHEMY");
        assertRefused(() -> known.apply(alchemy, by(null, alchemy)), CommandRefusal.Kind.INVALID, "invalid-request",
                "industry");
    }

    @Test
    void anActorRegistersOnlyInItsOwnRegionSubtree() {
        var inRegion = rules.registrationInTheActorsRegion(REGIONS);
        var duanzhou = registration("441202", "NEW_ENERGY");
        assertThatCode(() -> inRegion.apply(duanzhou, by("441200", duanzhou))).doesNotThrowAnyException();
        assertThatCode(() -> inRegion.apply(duanzhou, by(null, duanzhou))).doesNotThrowAnyException();
        assertRefused(() -> inRegion.apply(duanzhou, by("440600", duanzhou)), CommandRefusal.Kind.FORBIDDEN,
                "region-forbidden", null);
    }

    @Test
    void aRegistrationRecordsTheRegionThatLaterCommandsAreCheckedAgainst() {
        CrossProjectRule<RegisterProjectCommand> records = rules.registrationRecordsTheRegion(projectRegions);
        CrossProjectRule<ProjectCommand> inRegion = rules.projectInTheActorsRegion(REGIONS, projectRegions);
        var registered = registration("441202", "NEW_ENERGY");
        records.apply(registered, by("441200", registered));
        assertThat(projectRegions.regionOf(registered.projectId())).contains("441202");

        var suspend = new SuspendProjectCommand(registered.projectId(), null, "停工");
        assertThatCode(() -> inRegion.apply(suspend, by("441200", suspend))).doesNotThrowAnyException();
        CommandRefusal foreign = org.assertj.core.api.Assertions.catchThrowableOfType(CommandRefusal.class,
                () -> inRegion.apply(suspend, by("440600", suspend)));
        assertThat(foreign.kind()).isEqualTo(CommandRefusal.Kind.FORBIDDEN);
        assertThat(foreign.getMessage()).as("a foreign project's region is not disclosed").doesNotContain("441202");
    }

    @Test
    void aCommandOnAProjectNobodyRegisteredIsNotFound() {
        var inRegion = rules.projectInTheActorsRegion(REGIONS, projectRegions);
        var suspend = new SuspendProjectCommand(UUID.randomUUID().toString(), null, "停工");
        assertRefused(() -> inRegion.apply(suspend, by(null, suspend)), CommandRefusal.Kind.NOT_FOUND,
                "project-not-found", null);
    }
}
