package cn.pipelinetracker.command.campaign;

import cn.pipelinetracker.command.campaign.ProjectFacts.Ending;
import cn.pipelinetracker.events.CampaignBucket;
import cn.pipelinetracker.events.CampaignCreatedEvent;
import cn.pipelinetracker.events.CampaignHeldEvent;
import cn.pipelinetracker.events.CampaignHeldEvent.Announced;
import cn.pipelinetracker.events.CampaignProjectEnrolledEvent;
import cn.pipelinetracker.events.CampaignProjectWithdrawnEvent;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.RegionCode;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.pipelinetracker.command.campaign.CampaignRule.*;
import static cn.pipelinetracker.events.CampaignBucket.*;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The rules of {@link CampaignRule}, one test (or more) each, named after the rule; then the happy paths. Today is
 * 2023-02-10 in Asia/Shanghai (04:00 UTC is noon there), the campaign's day.
 */
class CampaignTest {

    private static final String ID = "8a2e4c61-5b7d-4f90-a1c3-2d6e8f0b9a17";
    private static final String SIGNED = "0d9f4b7e-3c1a-4e55-9a61-7f2b8c4d1e01";
    private static final String STARTED = "0d9f4b7e-3c1a-4e55-9a61-7f2b8c4d1e02";
    private static final String LATE = "0d9f4b7e-3c1a-4e55-9a61-7f2b8c4d1e03";
    private static final String VOIDED = "0d9f4b7e-3c1a-4e55-9a61-7f2b8c4d1e04";
    private static final String CANCELLED = "0d9f4b7e-3c1a-4e55-9a61-7f2b8c4d1e05";
    private static final LocalDate HELD_ON = LocalDate.of(2023, 2, 10);
    private static final Clock TODAY_2023_02_10 =
            Clock.fixed(Instant.parse("2023-02-10T04:00:00Z"), ZoneId.of("Asia/Shanghai"));

    /** The projects' facts as the log tells them, set per test. */
    private final Map<String, ProjectFacts.Facts> facts = new HashMap<>();
    private AggregateTestFixture<Campaign> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Campaign.class);
        fixture.registerInjectableResource(TODAY_2023_02_10);
        fixture.registerInjectableResource((ProjectFacts) (Collection<String> ids) -> {
            Map<String, ProjectFacts.Facts> known = new HashMap<>();
            ids.stream().filter(facts::containsKey).forEach(id -> known.put(id, facts.get(id)));
            return known;
        });
        facts.put(SIGNED, facts("1000000000", null, Milestone.SIGNED, "2023-02-08"));
        facts.put(STARTED, facts("250000000.50", null, Milestone.SIGNED, "2022-11-01",
                Milestone.CONSTRUCTION_STARTED, "2023-02-10"));
        facts.put(LATE, facts("300000000", null, Milestone.SIGNED, "2023-02-11"));
        facts.put(VOIDED, facts("999000000", Ending.VOIDED, Milestone.SIGNED, "2023-01-05"));
        facts.put(CANCELLED, facts("120000000", Ending.CANCELLED, Milestone.SIGNED, "2023-01-20"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Happy paths
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void creation_emitsCampaignCreatedEventWithItsChineseName() {
        fixture.givenNoPriorActivity()
                .when(new CreateCampaignCommand(ID, "肇庆市2023年第一季度集中签约活动", RegionCode.of("441200"), HELD_ON))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created());
    }

    @Test
    void enrolment_putsTheProjectIntoItsBucket() {
        fixture.given(created())
                .when(new EnrolProjectCommand(ID, SIGNED, SIGNING))
                .expectEvents(new CampaignProjectEnrolledEvent(ID, SIGNED, SIGNING));
    }

    @Test
    void withdrawal_namesTheBucketTheProjectWasIn() {
        fixture.given(created(), enrolled(STARTED, CONSTRUCTION_START))
                .when(new WithdrawProjectCommand(ID, STARTED))
                .expectEvents(new CampaignProjectWithdrawnEvent(ID, STARTED, CONSTRUCTION_START));
    }

    @Test
    void aWithdrawnProjectCanBeEnrolledAgainInAnotherBucket() {
        fixture.given(created(), enrolled(STARTED, SIGNING),
                        new CampaignProjectWithdrawnEvent(ID, STARTED, SIGNING))
                .when(new EnrolProjectCommand(ID, STARTED, CONSTRUCTION_START))
                .expectEvents(enrolled(STARTED, CONSTRUCTION_START));
    }

    @Test
    void holding_freezesTheAnnouncedFiguresPerBucket_voidedProjectsLeftOut() {
        fixture.given(created(), enrolled(SIGNED, SIGNING), enrolled(STARTED, CONSTRUCTION_START),
                        enrolled(VOIDED, SIGNING))
                .when(new HoldCampaignCommand(ID))
                .expectEvents(new CampaignHeldEvent(ID, HELD_ON, List.of(
                        new Announced(SIGNING, 1, Money.ofYuan("1000000000")),
                        new Announced(CONSTRUCTION_START, 1, Money.ofYuan("250000000.5")),
                        new Announced(PRODUCTION_START, 0, Money.ZERO))));
    }

    // ---------------------------------------------------------------------------------------------------------
    // The rules
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void oneBucketPerProject_aSecondBucketIsRefusedNotAMove() {
        fixture.given(created(), enrolled(STARTED, SIGNING))
                .when(new EnrolProjectCommand(ID, STARTED, CONSTRUCTION_START))
                .expectNoEvents()
                .expectException(violating(ONE_BUCKET_PER_PROJECT));
    }

    @Test
    void oneBucketPerProject_theSameBucketTwiceIsRefused() {
        fixture.given(created(), enrolled(SIGNED, SIGNING))
                .when(new EnrolProjectCommand(ID, SIGNED, SIGNING))
                .expectNoEvents()
                .expectException(violating(ONE_BUCKET_PER_PROJECT));
    }

    @Test
    void noCancelledOrVoidedProject_aVoidedProjectIsNotEnrolled() {
        fixture.given(created())
                .when(new EnrolProjectCommand(ID, VOIDED, SIGNING))
                .expectNoEvents()
                .expectException(allOf(violating(NO_CANCELLED_OR_VOIDED_PROJECT), messageContaining("is voided")));
    }

    @Test
    void noCancelledOrVoidedProject_aCancelledProjectIsNotEnrolled() {
        fixture.given(created())
                .when(new EnrolProjectCommand(ID, CANCELLED, SIGNING))
                .expectNoEvents()
                .expectException(allOf(violating(NO_CANCELLED_OR_VOIDED_PROJECT), messageContaining("is cancelled")));
    }

    @Test
    void withdrawOnlyEnrolled() {
        fixture.given(created(), enrolled(SIGNED, SIGNING))
                .when(new WithdrawProjectCommand(ID, STARTED))
                .expectNoEvents()
                .expectException(violating(WITHDRAW_ONLY_ENROLLED));
    }

    @Test
    void nothingAfterHolding_noEnrolment() {
        fixture.given(created(), enrolled(SIGNED, SIGNING), held())
                .when(new EnrolProjectCommand(ID, STARTED, CONSTRUCTION_START))
                .expectNoEvents()
                .expectException(violating(NOTHING_AFTER_HOLDING));
    }

    @Test
    void nothingAfterHolding_noWithdrawal() {
        fixture.given(created(), enrolled(SIGNED, SIGNING), held())
                .when(new WithdrawProjectCommand(ID, SIGNED))
                .expectNoEvents()
                .expectException(violating(NOTHING_AFTER_HOLDING));
    }

    @Test
    void nothingAfterHolding_noSecondHolding() {
        fixture.given(created(), enrolled(SIGNED, SIGNING), held())
                .when(new HoldCampaignCommand(ID))
                .expectNoEvents()
                .expectException(violating(NOTHING_AFTER_HOLDING));
    }

    @Test
    void holdNotBeforeHeldOn_aCampaignOfTomorrowIsNotHeldToday() {
        fixture.given(new CampaignCreatedEvent(ID, "明日活动", RegionCode.of("441200"), HELD_ON.plusDays(1)))
                .when(new HoldCampaignCommand(ID))
                .expectNoEvents()
                .expectException(violating(HOLD_NOT_BEFORE_HELD_ON));
    }

    @Test
    void enrolledProjectsReachedTheirMilestone_refusesNamingEachProjectThatHadNot() {
        fixture.given(created(), enrolled(SIGNED, SIGNING), enrolled(LATE, SIGNING),
                        enrolled(SIGNED.replace("01", "09"), SIGNING), enrolled(STARTED, PRODUCTION_START))
                .when(new HoldCampaignCommand(ID))
                .expectNoEvents()
                .expectException(allOf(violating(ENROLLED_PROJECTS_REACHED_THEIR_MILESTONE),
                        messageContaining(LATE + " (SIGNED)"), messageContaining(STARTED + " (PRODUCTION_STARTED)"),
                        messageContaining("3 enrolled project(s)")));
    }

    @Test
    void enrolledProjectsReachedTheirMilestone_onTheDayItselfCounts() {
        fixture.given(created(), enrolled(STARTED, CONSTRUCTION_START))
                .when(new HoldCampaignCommand(ID))
                .expectSuccessfulHandlerExecution();
    }

    // ---------------------------------------------------------------------------------------------------------

    private static CampaignCreatedEvent created() {
        return new CampaignCreatedEvent(ID, "肇庆市2023年第一季度集中签约活动", RegionCode.of("441200"), HELD_ON);
    }

    private static CampaignProjectEnrolledEvent enrolled(String projectId, CampaignBucket bucket) {
        return new CampaignProjectEnrolledEvent(ID, projectId, bucket);
    }

    private static CampaignHeldEvent held() {
        return new CampaignHeldEvent(ID, HELD_ON, List.of(new Announced(SIGNING, 1, Money.ofYuan("1000000000")),
                new Announced(CONSTRUCTION_START, 0, Money.ZERO), new Announced(PRODUCTION_START, 0, Money.ZERO)));
    }

    private static ProjectFacts.Facts facts(String planned, Ending ending, Object... milestonesAndDates) {
        Map<Milestone, LocalDate> reached = new HashMap<>();
        for (int i = 0; i < milestonesAndDates.length; i += 2) {
            reached.put((Milestone) milestonesAndDates[i], LocalDate.parse((String) milestonesAndDates[i + 1]));
        }
        return new ProjectFacts.Facts(reached, Money.ofYuan(planned), ending);
    }

    private static Matcher<Throwable> violating(CampaignRule rule) {
        return new FeatureMatcher<>(equalTo(rule), "campaign rule", "rule") {
            @Override
            protected CampaignRule featureValueOf(Throwable actual) {
                return actual instanceof CampaignRuleViolation violation ? violation.rule() : null;
            }
        };
    }

    private static Matcher<Throwable> messageContaining(String text) {
        return new FeatureMatcher<>(containsString(text), "message", "message") {
            @Override
            protected String featureValueOf(Throwable actual) {
                return actual.getMessage();
            }
        };
    }
}
