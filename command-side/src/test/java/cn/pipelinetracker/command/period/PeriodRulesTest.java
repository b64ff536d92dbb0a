package cn.pipelinetracker.command.period;

import cn.pipelinetracker.command.handling.CommandEnvelope;
import cn.pipelinetracker.command.handling.CommandRefusal;
import cn.pipelinetracker.command.handling.CommandSource;
import cn.pipelinetracker.command.handling.CrossProjectRule;
import cn.pipelinetracker.command.ledger.ProjectStates;
import cn.pipelinetracker.command.project.CorrectMilestoneCommand;
import cn.pipelinetracker.command.project.ProjectCommand;
import cn.pipelinetracker.command.project.RegisterProjectCommand;
import cn.pipelinetracker.command.project.ReviseInvestmentCommand;
import cn.pipelinetracker.command.project.SignProjectCommand;
import cn.pipelinetracker.command.projectregion.ProjectRegions;
import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.RegionCode;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.test.TestDatabase;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/** The monthly close's rules, each on its own, against a real PostgreSQL with the command side's tables. */
class PeriodRulesTest {

    private static final RegionTree REGIONS = RegionTree.bundled();
    private static final YearMonth JUNE = YearMonth.of(2024, 6);
    private final PeriodRules rules = new PeriodRules();
    private ClosedPeriods closed;
    private ProjectRegions projectRegions;
    private EmbeddedEventStore events;
    private CrossProjectRule<ProjectCommand> dates;
    /** Rules run in the command's transaction, as {@code Commands} runs them. */
    private TransactionTemplate transaction;

    @BeforeEach
    void database() {
        DataSource dataSource = TestDatabase.withSchemas("event-store", "command-side");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        closed = new ClosedPeriods(jdbc, REGIONS);
        projectRegions = new ProjectRegions(jdbc);
        events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        dates = rules.datesOutsideClosedPeriods(closed, projectRegions, new ProjectStates(events));
    }

    private static CommandEnvelope by(String actorRegion, Object command) {
        return new CommandEnvelope(command, new CommandEnvelope.Actor("auditor", actorRegion), "c-1", null, null,
                CommandSource.HTTP);
    }

    /** A project of {@code region} signed on {@code signedOn}, as its events and the region table hold it. */
    private String signed(String region, LocalDate signedOn) {
        String id = UUID.randomUUID().toString();
        projectRegions.record(id, region);
        events.publish(new GenericDomainEventMessage<>("InvestmentProject", id, 0, new ProjectRegisteredEvent(id,
                        null, "项目", "投资方", RegionCode.of(region), IndustryCode.of("NEW_ENERGY"), null,
                        Money.ofYuan("100"), signedOn.minusDays(30), null, null, List.of())),
                new GenericDomainEventMessage<>("InvestmentProject", id, 1, new ProjectSignedEvent(id, signedOn, null)));
        return id;
    }

    private void close(String region, YearMonth month) {
        inTransaction(() -> rules.closeInTheActorsRegion(REGIONS, closed)
                .apply(new ClosePeriodCommand(RegionCode.of(region), month), by(null, null)));
    }

    private void inTransaction(Runnable rule) {
        transaction.executeWithoutResult(status -> rule.run());
    }

    private void assertAllowed(Runnable rule) {
        assertThatCode(() -> inTransaction(rule)).doesNotThrowAnyException();
    }

    private void assertRefused(Runnable rule, CommandRefusal.Kind kind, String code) {
        assertThatThrownBy(() -> inTransaction(rule)).isInstanceOfSatisfying(CommandRefusal.class, refusal -> {
            assertThat(refusal.kind()).isEqualTo(kind);
            assertThat(refusal.code()).isEqualTo(code);
        });
    }

    @Test
    void aDateInAMonthClosedForTheRegionOrOneAboveItIsRefused() {
        close("441200", JUNE);
        String inDistrict = signed("441202", LocalDate.of(2024, 5, 2));
        String inFoshan = signed("440604", LocalDate.of(2024, 5, 2));

        assertRefused(() -> dates.apply(new SignProjectCommand(inDistrict, null, LocalDate.of(2024, 6, 30), null),
                by("441200", null)), CommandRefusal.Kind.CONFLICT, "period-closed");
        assertAllowed(() -> dates.apply(new SignProjectCommand(inDistrict, null, LocalDate.of(2024, 7, 1), null),
                by("441200", null)));
        assertAllowed(() -> dates.apply(new SignProjectCommand(inFoshan, null, LocalDate.of(2024, 6, 30), null),
                by(null, null)));
    }

    @Test
    void aCorrectionOutOfAClosedMonthIsRefusedAsMuchAsOneIntoIt() {
        String project = signed("441202", LocalDate.of(2024, 6, 10));
        close("441202", JUNE);

        assertRefused(() -> dates.apply(new CorrectMilestoneCommand(project, null, Milestone.SIGNED,
                LocalDate.of(2024, 7, 2), "合同日期"), by(null, null)), CommandRefusal.Kind.CONFLICT, "period-closed");
        assertAllowed(() -> dates.apply(new CorrectMilestoneCommand(project, null, Milestone.REGISTERED,
                LocalDate.of(2024, 5, 2), "入库日期"), by(null, null)));
    }

    @Test
    void aRevisionCarriesNoDateAndStaysAllowed() {
        String project = signed("441202", LocalDate.of(2024, 6, 10));
        close("441202", JUNE);
        assertAllowed(() -> dates.apply(new ReviseInvestmentCommand(project, null, Money.ofYuan("50"), "核减"),
                by(null, null)));
    }

    @Test
    void aRegistrationDatedInAClosedMonthIsRefused() {
        close("441200", JUNE);
        var register = new RegisterProjectCommand(UUID.randomUUID().toString(), null, "项目", "投资方",
                RegionCode.of("441203"), IndustryCode.of("NEW_ENERGY"), null, Money.ofYuan("1"),
                LocalDate.of(2024, 6, 3), null, null, List.of());
        assertRefused(() -> rules.registrationOutsideClosedPeriods(closed).apply(register, by(null, null)),
                CommandRefusal.Kind.CONFLICT, "period-closed");
    }

    @Test
    void closingIsForTheActorsSubtreeOnceAndReopeningOnlyWhatIsClosed() {
        var foshan = new ClosePeriodCommand(RegionCode.of("440600"), JUNE);
        assertRefused(() -> rules.closeInTheActorsRegion(REGIONS, closed).apply(foshan, by("441200", foshan)),
                CommandRefusal.Kind.FORBIDDEN, "region-forbidden");
        close("441200", JUNE);
        assertRefused(() -> close("441200", JUNE), CommandRefusal.Kind.CONFLICT, "period-already-closed");
        var reopen = new ReopenPeriodCommand(RegionCode.of("441200"), YearMonth.of(2024, 5), "补录");
        assertRefused(() -> rules.reopenInTheActorsRegion(REGIONS, closed).apply(reopen, by(null, reopen)),
                CommandRefusal.Kind.CONFLICT, "period-not-closed");
    }
}
