package cn.pipelinetracker.command.project;

import cn.pipelinetracker.events.ConstructionCompletedEvent;
import cn.pipelinetracker.events.ConstructionStartedEvent;
import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.MilestoneDateCorrectedEvent;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.PlannedInvestmentRevisedEvent;
import cn.pipelinetracker.events.ProductionScope;
import cn.pipelinetracker.events.ProductionStartedEvent;
import cn.pipelinetracker.events.ProgressReportedEvent;
import cn.pipelinetracker.events.ProjectCancelledEvent;
import cn.pipelinetracker.events.ProjectDetailsCorrectedEvent;
import cn.pipelinetracker.events.ProjectDetailsCorrectedEvent.Change;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectResumedEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.ProjectSuspendedEvent;
import cn.pipelinetracker.events.ProjectVoidedEvent;
import cn.pipelinetracker.events.RegionCode;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

import static cn.pipelinetracker.command.project.ProjectRule.*;
import static org.hamcrest.Matchers.equalTo;

/**
 * The rules of {@link ProjectRule}, one test (or more) each, named after the rule; then the plain happy paths.
 * Today is 2024-07-01 in Asia/Shanghai; the project was registered on 2024-01-10.
 */
class InvestmentProjectTest {

    private static final String ID = "0d9f4b7e-3c1a-4e55-9a61-7f2b8c4d1e01";
    private static final Clock TODAY_2024_07_01 =
            Clock.fixed(Instant.parse("2024-07-01T04:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final LocalDate REGISTERED_ON = date("2024-01-10");
    private static final LocalDate TOMORROW = date("2024-07-02");

    private AggregateTestFixture<InvestmentProject> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(InvestmentProject.class);
        fixture.registerInjectableResource(TODAY_2024_07_01);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Happy paths
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void registration_emitsProjectRegisteredEventWithChineseNameIntact() {
        fixture.givenNoPriorActivity()
                .when(register(REGISTERED_ON))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered());
    }

    @Test
    void registration_onTodayIsAccepted() {
        fixture.givenNoPriorActivity()
                .when(register(date("2024-07-01")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered(date("2024-07-01")));
    }

    @Test
    void signing_emitsProjectSignedEvent() {
        fixture.given(registered())
                .when(new SignProjectCommand(ID, null, date("2024-02-01"), yuan("600000000")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectSignedEvent(ID, date("2024-02-01"), yuan("600000000")));
    }

    @Test
    void constructionStart_afterSigning_emitsConstructionStartedEvent() {
        fixture.given(registered(), signed("2024-02-01"))
                .when(new StartConstructionCommand(ID, null, date("2024-03-01")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ConstructionStartedEvent(ID, date("2024-03-01")));
    }

    @Test
    void completion_afterConstructionStart_emitsConstructionCompletedEvent() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"))
                .when(new CompleteConstructionCommand(ID, null, date("2024-06-01")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ConstructionCompletedEvent(ID, date("2024-06-01")));
    }

    @Test
    void productionStart_afterCompletion_scopeDefaultsToFull() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"),
                        constructionCompleted("2024-06-01"))
                .when(new StartProductionCommand(ID, null, date("2024-06-15"), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProductionStartedEvent(ID, date("2024-06-15"), ProductionScope.FULL));
    }

    @Test
    void productionStart_partialScopeIsKept() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"),
                        constructionCompleted("2024-06-01"))
                .when(new StartProductionCommand(ID, null, date("2024-06-15"), ProductionScope.PARTIAL))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProductionStartedEvent(ID, date("2024-06-15"), ProductionScope.PARTIAL));
    }

    @Test
    void revisingInvestment_emitsPlannedInvestmentRevisedEvent() {
        fixture.given(registered())
                .when(new ReviseInvestmentCommand(ID, null, yuan("750000000.5"), "二期扩建"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PlannedInvestmentRevisedEvent(ID, yuan("750000000.5"), "二期扩建"));
    }

    @Test
    void reportingProgress_emitsProgressReportedEvent() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"))
                .when(new ReportProgressCommand(ID, null, date("2024-06-30"), yuan("120000000"),
                        new BigDecimal("35.5"), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProgressReportedEvent(ID, date("2024-06-30"), yuan("120000000"),
                        new BigDecimal("35.5"), null));
    }

    @Test
    void reportingFundsInPlace_alone_emitsProgressReportedEventWithTheExactAmount() {
        fixture.given(registered(), signed("2024-02-01"))
                .when(new ReportProgressCommand(ID, null, date("2024-06-30"), null, null, yuan("150000000.05")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProgressReportedEvent(ID, date("2024-06-30"), null, null, yuan("150000000.05")));
    }

    @Test
    void suspending_anActiveProject_emitsProjectSuspendedEvent() {
        fixture.given(registered())
                .when(new SuspendProjectCommand(ID, null, "用地指标未落实"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectSuspendedEvent(ID, "用地指标未落实"));
    }

    @Test
    void resuming_aSuspendedProject_emitsProjectResumedEvent() {
        fixture.given(registered(), suspended())
                .when(new ResumeProjectCommand(ID, null, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectResumedEvent(ID, null));
    }

    @Test
    void cancelling_emitsProjectCancelledEvent() {
        fixture.given(registered(), signed("2024-02-01"))
                .when(new CancelProjectCommand(ID, null, "投资方撤资"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectCancelledEvent(ID, "投资方撤资"));
    }

    @Test
    void voiding_emitsProjectVoidedEvent() {
        fixture.given(registered())
                .when(new VoidProjectCommand(ID, null, "重复录入"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectVoidedEvent(ID, "重复录入"));
    }

    @Test
    void correctingAMilestone_eventCarriesThePreviousDate() {
        fixture.given(registered(), signed("2024-02-01"))
                .when(new CorrectMilestoneCommand(ID, null, Milestone.SIGNED, date("2024-02-03"), "录入笔误"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MilestoneDateCorrectedEvent(ID, Milestone.SIGNED, date("2024-02-01"),
                        date("2024-02-03"), "录入笔误"));
    }

    @Test
    void correctingAMilestone_theCorrectedDateIsTheOneLaterChecksUse() {
        // signed 2024-02-01, corrected to 2024-03-05: a construction start on 2024-03-02 is now before signing.
        fixture.given(registered(), signed("2024-02-01"), corrected(Milestone.SIGNED, "2024-02-01", "2024-03-05"))
                .when(new StartConstructionCommand(ID, null, date("2024-03-02")))
                .expectNoEvents()
                .expectException(violates(DATES_IN_ORDER));
    }

    // ---------------------------------------------------------------------------------------------------------
    // NO_FUTURE_DATES
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void noFutureDates_registrationDateInTheFutureIsRefused() {
        fixture.givenNoPriorActivity()
                .when(register(TOMORROW))
                .expectNoEvents()
                .expectException(ProjectRuleViolation.class)
                .expectException(violates(NO_FUTURE_DATES));
    }

    @Test
    void noFutureDates_signingDateInTheFutureIsRefused() {
        fixture.given(registered())
                .when(new SignProjectCommand(ID, null, TOMORROW, null))
                .expectNoEvents()
                .expectException(violates(NO_FUTURE_DATES));
    }

    @Test
    void noFutureDates_constructionStartInTheFutureIsRefused() {
        fixture.given(registered(), signed("2024-02-01"))
                .when(new StartConstructionCommand(ID, null, TOMORROW))
                .expectNoEvents()
                .expectException(violates(NO_FUTURE_DATES));
    }

    @Test
    void noFutureDates_completionInTheFutureIsRefused() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"))
                .when(new CompleteConstructionCommand(ID, null, TOMORROW))
                .expectNoEvents()
                .expectException(violates(NO_FUTURE_DATES));
    }

    @Test
    void noFutureDates_productionStartInTheFutureIsRefused() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"))
                .when(new StartProductionCommand(ID, null, TOMORROW, null))
                .expectNoEvents()
                .expectException(violates(NO_FUTURE_DATES));
    }

    @Test
    void noFutureDates_correctionToAFutureDateIsRefused() {
        fixture.given(registered(), signed("2024-02-01"))
                .when(new CorrectMilestoneCommand(ID, null, Milestone.SIGNED, TOMORROW, "录入笔误"))
                .expectNoEvents()
                .expectException(violates(NO_FUTURE_DATES));
    }

    @Test
    void noFutureDates_progressAsOfAFutureDateIsRefused() {
        fixture.given(registered())
                .when(new ReportProgressCommand(ID, null, TOMORROW, yuan("1000000"), null, null))
                .expectNoEvents()
                .expectException(violates(NO_FUTURE_DATES));
    }

    @Test
    void noFutureDates_todayIsNotTheFuture() {
        fixture.given(registered())
                .when(new SignProjectCommand(ID, null, date("2024-07-01"), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectSignedEvent(ID, date("2024-07-01"), null));
    }

    // ---------------------------------------------------------------------------------------------------------
    // EXPECTED_VERSION_MUST_MATCH (version = number of events)
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void expectedVersionMustMatch_staleIfMatchIsRefused() {
        fixture.given(registered(), signed("2024-02-01"))
                .when(new StartConstructionCommand(ID, 1L, date("2024-03-01")))
                .expectNoEvents()
                .expectException(violates(EXPECTED_VERSION_MUST_MATCH));
    }

    @Test
    void expectedVersionMustMatch_versionAheadOfTheProjectIsRefused() {
        fixture.given(registered(), signed("2024-02-01"))
                .when(new StartConstructionCommand(ID, 3L, date("2024-03-01")))
                .expectNoEvents()
                .expectException(violates(EXPECTED_VERSION_MUST_MATCH));
    }

    @Test
    void expectedVersionMustMatch_currentIfMatchPasses() {
        fixture.given(registered(), signed("2024-02-01"))
                .when(new StartConstructionCommand(ID, 2L, date("2024-03-01")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ConstructionStartedEvent(ID, date("2024-03-01")));
    }

    @Test
    void expectedVersionMustMatch_versionOfAJustRegisteredProjectIsOne() {
        fixture.given(registered())
                .when(new SuspendProjectCommand(ID, 1L, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectSuspendedEvent(ID, null));
    }

    // ---------------------------------------------------------------------------------------------------------
    // NOTHING_AFTER_CANCEL_OR_VOID
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void nothingAfterCancelOrVoid_cancelledProjectRefusesSigning() {
        fixture.given(registered(), cancelled())
                .when(new SignProjectCommand(ID, null, date("2024-02-01"), null))
                .expectNoEvents()
                .expectException(violates(NOTHING_AFTER_CANCEL_OR_VOID));
    }

    @Test
    void nothingAfterCancelOrVoid_cancelledWhileSuspendedProjectCannotBeResumed() {
        fixture.given(registered(), suspended(), cancelled())
                .when(new ResumeProjectCommand(ID, null, null))
                .expectNoEvents()
                .expectException(violates(NOTHING_AFTER_CANCEL_OR_VOID));
    }

    @Test
    void nothingAfterCancelOrVoid_cancelledProjectCannotBeVoided() {
        fixture.given(registered(), cancelled())
                .when(new VoidProjectCommand(ID, null, "重复录入"))
                .expectNoEvents()
                .expectException(violates(NOTHING_AFTER_CANCEL_OR_VOID));
    }

    @Test
    void nothingAfterCancelOrVoid_cancelledProjectCannotBeCancelledAgain() {
        fixture.given(registered(), cancelled())
                .when(new CancelProjectCommand(ID, null, "再次取消"))
                .expectNoEvents()
                .expectException(violates(NOTHING_AFTER_CANCEL_OR_VOID));
    }

    @Test
    void nothingAfterCancelOrVoid_voidedProjectRefusesSigning() {
        fixture.given(registered(), voided())
                .when(new SignProjectCommand(ID, null, date("2024-02-01"), null))
                .expectNoEvents()
                .expectException(violates(NOTHING_AFTER_CANCEL_OR_VOID));
    }

    @Test
    void nothingAfterCancelOrVoid_voidedProjectCannotBeCancelled() {
        fixture.given(registered(), voided())
                .when(new CancelProjectCommand(ID, null, "投资方撤资"))
                .expectNoEvents()
                .expectException(violates(NOTHING_AFTER_CANCEL_OR_VOID));
    }

    @Test
    void nothingAfterCancelOrVoid_voidedProjectCannotBeVoidedAgain() {
        fixture.given(registered(), voided())
                .when(new VoidProjectCommand(ID, null, "重复录入"))
                .expectNoEvents()
                .expectException(violates(NOTHING_AFTER_CANCEL_OR_VOID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommandOnAnExistingProject")
    void nothingAfterCancelOrVoid_cancelledProjectRefusesEveryCommand(ProjectCommand command) {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"), cancelled())
                .when(command)
                .expectNoEvents()
                .expectException(violates(NOTHING_AFTER_CANCEL_OR_VOID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommandOnAnExistingProject")
    void nothingAfterCancelOrVoid_voidedProjectRefusesEveryCommand(ProjectCommand command) {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"), voided())
                .when(command)
                .expectNoEvents()
                .expectException(violates(NOTHING_AFTER_CANCEL_OR_VOID));
    }

    /** Commands each of which would be accepted by an active (or, for resume, a suspended) signed, started project. */
    static Stream<ProjectCommand> everyCommandOnAnExistingProject() {
        return Stream.of(
                new SignProjectCommand(ID, null, date("2024-02-01"), null),
                new StartConstructionCommand(ID, null, date("2024-03-01")),
                new CompleteConstructionCommand(ID, null, date("2024-06-01")),
                new StartProductionCommand(ID, null, date("2024-06-15"), null),
                new ReviseInvestmentCommand(ID, null, yuan("1"), null),
                new ReportProgressCommand(ID, null, date("2024-06-30"), yuan("1"), null, null),
                new SuspendProjectCommand(ID, null, null),
                new ResumeProjectCommand(ID, null, null),
                new CancelProjectCommand(ID, null, null),
                new VoidProjectCommand(ID, null, null),
                new CorrectMilestoneCommand(ID, null, Milestone.SIGNED, date("2024-02-02"), null));
    }

    // ---------------------------------------------------------------------------------------------------------
    // NOTHING_ADVANCES_WHILE_SUSPENDED
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void nothingAdvancesWhileSuspended_signingIsRefused() {
        fixture.given(registered(), suspended())
                .when(new SignProjectCommand(ID, null, date("2024-02-01"), null))
                .expectNoEvents()
                .expectException(violates(NOTHING_ADVANCES_WHILE_SUSPENDED));
    }

    @Test
    void nothingAdvancesWhileSuspended_constructionStartIsRefused() {
        fixture.given(registered(), signed("2024-02-01"), suspended())
                .when(new StartConstructionCommand(ID, null, date("2024-03-01")))
                .expectNoEvents()
                .expectException(violates(NOTHING_ADVANCES_WHILE_SUSPENDED));
    }

    @Test
    void nothingAdvancesWhileSuspended_completionIsRefused() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"), suspended())
                .when(new CompleteConstructionCommand(ID, null, date("2024-06-01")))
                .expectNoEvents()
                .expectException(violates(NOTHING_ADVANCES_WHILE_SUSPENDED));
    }

    @Test
    void nothingAdvancesWhileSuspended_productionStartIsRefused() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"), suspended())
                .when(new StartProductionCommand(ID, null, date("2024-06-15"), null))
                .expectNoEvents()
                .expectException(violates(NOTHING_ADVANCES_WHILE_SUSPENDED));
    }

    @Test
    void nothingAdvancesWhileSuspended_revisingInvestmentIsAllowed() {
        fixture.given(registered(), suspended())
                .when(new ReviseInvestmentCommand(ID, null, yuan("400000000"), "缩减规模"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PlannedInvestmentRevisedEvent(ID, yuan("400000000"), "缩减规模"));
    }

    @Test
    void nothingAdvancesWhileSuspended_reportingProgressIsAllowed() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"), suspended())
                .when(new ReportProgressCommand(ID, null, date("2024-06-30"), null, new BigDecimal("40"), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProgressReportedEvent(ID, date("2024-06-30"), null, new BigDecimal("40"), null));
    }

    @Test
    void nothingAdvancesWhileSuspended_cancellingIsAllowed() {
        fixture.given(registered(), suspended())
                .when(new CancelProjectCommand(ID, null, "投资方撤资"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectCancelledEvent(ID, "投资方撤资"));
    }

    @Test
    void nothingAdvancesWhileSuspended_afterResumingSigningIsAllowedAgain() {
        fixture.given(registered(), suspended(), resumed())
                .when(new SignProjectCommand(ID, null, date("2024-02-01"), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectSignedEvent(ID, date("2024-02-01"), null));
    }

    // ---------------------------------------------------------------------------------------------------------
    // MILESTONE_REACHED_ONCE
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void milestoneReachedOnce_signTwiceIsRefused() {
        fixture.given(registered(), signed("2024-02-01"))
                .when(new SignProjectCommand(ID, null, date("2024-02-05"), null))
                .expectNoEvents()
                .expectException(violates(MILESTONE_REACHED_ONCE));
    }

    @Test
    void milestoneReachedOnce_constructionStartTwiceIsRefused() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"))
                .when(new StartConstructionCommand(ID, null, date("2024-03-05")))
                .expectNoEvents()
                .expectException(violates(MILESTONE_REACHED_ONCE));
    }

    @Test
    void milestoneReachedOnce_completeTwiceIsRefused() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"),
                        constructionCompleted("2024-06-01"))
                .when(new CompleteConstructionCommand(ID, null, date("2024-06-05")))
                .expectNoEvents()
                .expectException(violates(MILESTONE_REACHED_ONCE));
    }

    @Test
    void milestoneReachedOnce_productionStartTwiceIsRefused() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"),
                        productionStarted("2024-05-01", ProductionScope.PARTIAL))
                .when(new StartProductionCommand(ID, null, date("2024-06-15"), ProductionScope.FULL))
                .expectNoEvents()
                .expectException(violates(MILESTONE_REACHED_ONCE));
    }

    // ---------------------------------------------------------------------------------------------------------
    // STAGES_IN_ORDER
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void stagesInOrder_constructionStartBeforeSigningIsRefused() {
        fixture.given(registered())
                .when(new StartConstructionCommand(ID, null, date("2024-03-01")))
                .expectNoEvents()
                .expectException(violates(STAGES_IN_ORDER));
    }

    @Test
    void stagesInOrder_completionBeforeConstructionStartIsRefused() {
        fixture.given(registered(), signed("2024-02-01"))
                .when(new CompleteConstructionCommand(ID, null, date("2024-06-01")))
                .expectNoEvents()
                .expectException(violates(STAGES_IN_ORDER));
    }

    @Test
    void stagesInOrder_productionBeforeConstructionStartIsRefused() {
        fixture.given(registered(), signed("2024-02-01"))
                .when(new StartProductionCommand(ID, null, date("2024-06-15"), null))
                .expectNoEvents()
                .expectException(violates(STAGES_IN_ORDER));
    }

    @Test
    void stagesInOrder_productionAfterConstructionStartButBeforeCompletionIsAllowed() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"))
                .when(new StartProductionCommand(ID, null, date("2024-05-01"), ProductionScope.PARTIAL))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProductionStartedEvent(ID, date("2024-05-01"), ProductionScope.PARTIAL));
    }

    // ---------------------------------------------------------------------------------------------------------
    // DATES_IN_ORDER
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void datesInOrder_signedOnBeforeRegisteredOnIsRefused() {
        fixture.given(registered())
                .when(new SignProjectCommand(ID, null, date("2024-01-09"), null))
                .expectNoEvents()
                .expectException(violates(DATES_IN_ORDER));
    }

    @Test
    void datesInOrder_constructionStartedOnBeforeSignedOnIsRefused() {
        fixture.given(registered(), signed("2024-02-01"))
                .when(new StartConstructionCommand(ID, null, date("2024-01-31")))
                .expectNoEvents()
                .expectException(violates(DATES_IN_ORDER));
    }

    @Test
    void datesInOrder_completedOnBeforeConstructionStartedOnIsRefused() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"))
                .when(new CompleteConstructionCommand(ID, null, date("2024-02-29")))
                .expectNoEvents()
                .expectException(violates(DATES_IN_ORDER));
    }

    @Test
    void datesInOrder_productionStartedOnBeforeConstructionStartedOnIsRefused() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"))
                .when(new StartProductionCommand(ID, null, date("2024-02-29"), null))
                .expectNoEvents()
                .expectException(violates(DATES_IN_ORDER));
    }

    @Test
    void datesInOrder_signingOnTheRegistrationDayIsAllowed() {
        fixture.given(registered())
                .when(new SignProjectCommand(ID, null, REGISTERED_ON, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectSignedEvent(ID, REGISTERED_ON, null));
    }

    @Test
    void datesInOrder_constructionStartOnTheSigningDayIsAllowed() {
        fixture.given(registered(), signed("2024-02-01"))
                .when(new StartConstructionCommand(ID, null, date("2024-02-01")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ConstructionStartedEvent(ID, date("2024-02-01")));
    }

    @Test
    void datesInOrder_completionOnTheConstructionStartDayIsAllowed() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"))
                .when(new CompleteConstructionCommand(ID, null, date("2024-03-01")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ConstructionCompletedEvent(ID, date("2024-03-01")));
    }

    @Test
    void datesInOrder_productionOnTheConstructionStartDayIsAllowed() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"))
                .when(new StartProductionCommand(ID, null, date("2024-03-01"), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProductionStartedEvent(ID, date("2024-03-01"), ProductionScope.FULL));
    }

    @Test
    void datesInOrder_correctionPuttingSignedOnAfterConstructionStartedOnIsRefused() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"))
                .when(new CorrectMilestoneCommand(ID, null, Milestone.SIGNED, date("2024-03-02"), "录入笔误"))
                .expectNoEvents()
                .expectException(violates(DATES_IN_ORDER));
    }

    @Test
    void datesInOrder_correctionPuttingConstructionStartedOnAfterCompletionIsRefused() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"),
                        constructionCompleted("2024-06-01"))
                .when(new CorrectMilestoneCommand(ID, null, Milestone.CONSTRUCTION_STARTED, date("2024-06-02"), null))
                .expectNoEvents()
                .expectException(violates(DATES_IN_ORDER));
    }

    @Test
    void datesInOrder_correctionPuttingRegisteredOnAfterSignedOnIsRefused() {
        fixture.given(registered(), signed("2024-02-01"))
                .when(new CorrectMilestoneCommand(ID, null, Milestone.REGISTERED, date("2024-02-02"), null))
                .expectNoEvents()
                .expectException(violates(DATES_IN_ORDER));
    }

    @Test
    void datesInOrder_correctionWithinTheOrderPasses() {
        fixture.given(registered(), signed("2024-02-01"), constructionStarted("2024-03-01"))
                .when(new CorrectMilestoneCommand(ID, null, Milestone.SIGNED, date("2024-03-01"), "录入笔误"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MilestoneDateCorrectedEvent(ID, Milestone.SIGNED, date("2024-02-01"),
                        date("2024-03-01"), "录入笔误"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // PROGRESS_NOT_BEFORE_REGISTRATION
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void progressNotBeforeRegistration_progressAsOfBeforeRegistrationIsRefused() {
        fixture.given(registered())
                .when(new ReportProgressCommand(ID, null, date("2024-01-09"), yuan("1000000"), null, null))
                .expectNoEvents()
                .expectException(violates(PROGRESS_NOT_BEFORE_REGISTRATION));
    }

    @Test
    void progressNotBeforeRegistration_progressAsOfTheRegistrationDayIsAllowed() {
        fixture.given(registered())
                .when(new ReportProgressCommand(ID, null, REGISTERED_ON, yuan("1000000"), null, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProgressReportedEvent(ID, REGISTERED_ON, yuan("1000000"), null, null));
    }

    @Test
    void progressNotBeforeRegistration_checkedAgainstTheCorrectedRegistrationDate() {
        fixture.given(registered(), corrected(Milestone.REGISTERED, "2024-01-10", "2024-01-20"))
                .when(new ReportProgressCommand(ID, null, date("2024-01-15"), yuan("1000000"), null, null))
                .expectNoEvents()
                .expectException(violates(PROGRESS_NOT_BEFORE_REGISTRATION));
    }

    // ---------------------------------------------------------------------------------------------------------
    // SUSPEND_ONLY_WHEN_ACTIVE, RESUME_ONLY_WHEN_SUSPENDED
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void suspendOnlyWhenActive_suspendingASuspendedProjectIsRefused() {
        fixture.given(registered(), suspended())
                .when(new SuspendProjectCommand(ID, null, "再次暂缓"))
                .expectNoEvents()
                .expectException(violates(SUSPEND_ONLY_WHEN_ACTIVE));
    }

    @Test
    void suspendOnlyWhenActive_aResumedProjectCanBeSuspendedAgain() {
        fixture.given(registered(), suspended(), resumed())
                .when(new SuspendProjectCommand(ID, null, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectSuspendedEvent(ID, null));
    }

    @Test
    void resumeOnlyWhenSuspended_resumingAnActiveProjectIsRefused() {
        fixture.given(registered())
                .when(new ResumeProjectCommand(ID, null, null))
                .expectNoEvents()
                .expectException(violates(RESUME_ONLY_WHEN_SUSPENDED));
    }

    @Test
    void resumeOnlyWhenSuspended_resumingAResumedProjectIsRefused() {
        fixture.given(registered(), suspended(), resumed())
                .when(new ResumeProjectCommand(ID, null, null))
                .expectNoEvents()
                .expectException(violates(RESUME_ONLY_WHEN_SUSPENDED));
    }

    // ---------------------------------------------------------------------------------------------------------
    // CORRECT_ONLY_REACHED_MILESTONES
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void correctOnlyReachedMilestones_correctingAnUnreachedMilestoneIsRefused() {
        fixture.given(registered(), signed("2024-02-01"))
                .when(new CorrectMilestoneCommand(ID, null, Milestone.CONSTRUCTION_STARTED, date("2024-03-01"), null))
                .expectNoEvents()
                .expectException(violates(CORRECT_ONLY_REACHED_MILESTONES));
    }

    @Test
    void correctOnlyReachedMilestones_theRegistrationDateCanBeCorrected() {
        fixture.given(registered())
                .when(new CorrectMilestoneCommand(ID, null, Milestone.REGISTERED, date("2024-01-08"), "录入笔误"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MilestoneDateCorrectedEvent(ID, Milestone.REGISTERED, REGISTERED_ON,
                        date("2024-01-08"), "录入笔误"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------------

    /** A {@link ProjectRuleViolation} of the given rule. */
    static Matcher<ProjectRuleViolation> violates(ProjectRule rule) {
        return new FeatureMatcher<>(equalTo(rule), "a ProjectRuleViolation of rule", "rule") {
            @Override
            protected ProjectRule featureValueOf(ProjectRuleViolation actual) {
                return actual.rule();
            }
        };
    }

    private static RegisterProjectCommand register(LocalDate registeredOn) {
        return new RegisterProjectCommand(ID, "GD-2024-0001", "年产10万吨锂电池正极材料项目", "广东粤能新材料有限公司",
                RegionCode.of("440600-FSHT"), IndustryCode.of("NEW_ENERGY"), "香港", yuan("500000000"),
                registeredOn, new BigDecimal("120.5"), 800, List.of("重点项目", "外资"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Correcting what was registered
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void correctingDetails_recordsEachChangedFieldFromWhatWasRegisteredToWhatIsRight() {
        fixture.given(registered())
                .when(new CorrectDetailsCommand(ID, null, "年产10万吨锂电池正极材料项目（一期）", null, null,
                        RegionCode.of("440604"), "GD-2024-0002", null, "录入时区域选错"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectDetailsCorrectedEvent(ID,
                        new Change("年产10万吨锂电池正极材料项目", "年产10万吨锂电池正极材料项目（一期）"), null, null,
                        new Change("440600-FSHT", "440604"), new Change("GD-2024-0001", "GD-2024-0002"), null,
                        "录入时区域选错"));
    }

    @Test
    void correctingDetails_aFieldGivenAsRecordedIsNoChange() {
        fixture.given(registered())
                .when(new CorrectDetailsCommand(ID, null, null, "广东粤能新材料有限公司", IndustryCode.of("ELECTRONICS"),
                        null, null, null, "行业选错"))
                .expectEvents(new ProjectDetailsCorrectedEvent(ID, null, null, new Change("NEW_ENERGY", "ELECTRONICS"),
                        null, null, null, "行业选错"));
    }

    @Test
    void correctionChangesSomething_nothingButRecordedValuesIsRefused() {
        fixture.given(registered())
                .when(new CorrectDetailsCommand(ID, null, null, "广东粤能新材料有限公司", null,
                        RegionCode.of("440600-FSHT"), null, null, "核对"))
                .expectException(violates(CORRECTION_CHANGES_SOMETHING));
    }

    @Test
    void correctingDetails_correctsTheCorrectedValueNextTime() {
        fixture.given(registered(), new ProjectDetailsCorrectedEvent(ID, null, null, null,
                        new Change("440600-FSHT", "440604"), null, null, "区域选错"))
                .when(new CorrectDetailsCommand(ID, null, null, null, null, RegionCode.of("440600-FSHT"), null, null,
                        "改回"))
                .expectEvents(new ProjectDetailsCorrectedEvent(ID, null, null, null,
                        new Change("440604", "440600-FSHT"), null, null, "改回"));
    }

    @Test
    void correctingDetails_aCancelledProjectsDetailsCanStillBeCorrected() {
        fixture.given(registered(), new ProjectCancelledEvent(ID, "投资方战略调整"))
                .when(new CorrectDetailsCommand(ID, null, null, "广东粤能新材料股份有限公司", null, null, null, null,
                        "营业执照名称"))
                .expectEvents(new ProjectDetailsCorrectedEvent(ID, null,
                        new Change("广东粤能新材料有限公司", "广东粤能新材料股份有限公司"), null, null, null, null,
                        "营业执照名称"));
    }

    @Test
    void nothingAfterCancelOrVoid_aVoidedProjectsDetailsAreNotCorrected() {
        fixture.given(registered(), voided())
                .when(new CorrectDetailsCommand(ID, null, "新名称", null, null, null, null, null, "更正"))
                .expectException(violates(NOTHING_AFTER_CANCEL_OR_VOID));
    }

    private static ProjectRegisteredEvent registered() {
        return registered(REGISTERED_ON);
    }

    private static ProjectRegisteredEvent registered(LocalDate registeredOn) {
        return new ProjectRegisteredEvent(ID, "GD-2024-0001", "年产10万吨锂电池正极材料项目", "广东粤能新材料有限公司",
                RegionCode.of("440600-FSHT"), IndustryCode.of("NEW_ENERGY"), "香港", yuan("500000000"),
                registeredOn, new BigDecimal("120.5"), 800, List.of("重点项目", "外资"));
    }

    private static ProjectSignedEvent signed(String signedOn) {
        return new ProjectSignedEvent(ID, date(signedOn), null);
    }

    private static ConstructionStartedEvent constructionStarted(String startedOn) {
        return new ConstructionStartedEvent(ID, date(startedOn));
    }

    private static ConstructionCompletedEvent constructionCompleted(String completedOn) {
        return new ConstructionCompletedEvent(ID, date(completedOn));
    }

    private static ProductionStartedEvent productionStarted(String startedOn, ProductionScope scope) {
        return new ProductionStartedEvent(ID, date(startedOn), scope);
    }

    private static MilestoneDateCorrectedEvent corrected(Milestone milestone, String previousDate, String date) {
        return new MilestoneDateCorrectedEvent(ID, milestone, date(previousDate), date(date), null);
    }

    private static ProjectSuspendedEvent suspended() {
        return new ProjectSuspendedEvent(ID, "环评未通过");
    }

    private static ProjectResumedEvent resumed() {
        return new ProjectResumedEvent(ID, null);
    }

    private static ProjectCancelledEvent cancelled() {
        return new ProjectCancelledEvent(ID, "投资方撤资");
    }

    private static ProjectVoidedEvent voided() {
        return new ProjectVoidedEvent(ID, "重复录入");
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    private static Money yuan(String amount) {
        return Money.ofYuan(amount);
    }
}
