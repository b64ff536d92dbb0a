package cn.pipelinetracker.query.stats;

import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.MilestoneDateCorrectedEvent;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.PlannedInvestmentRevisedEvent;
import cn.pipelinetracker.events.ProjectCancelledEvent;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.ProjectVoidedEvent;
import cn.pipelinetracker.events.RegionCode;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import cn.pipelinetracker.query.ProjectionWriter;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Events in, statistics out: the milestone facts projection and its queries on a real PostgreSQL, without Spring. */
class MilestoneStatisticsTest {

    private static final RegionTree REGIONS = RegionTree.bundled();
    private static final Instant T0 = Instant.parse("2024-07-01T00:00:00Z");

    private MilestoneFactsProjection projection;
    private MilestoneStatistics statistics;
    private int projects;

    @BeforeEach
    void freshDatabase() {
        DataSource dataSource = TestDatabase.withSchemas("event-store", "query-side");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        projection = new MilestoneFactsProjection(new ProjectionWriter(dataSource));
        statistics = new MilestoneStatistics(jdbc);
    }

    /** Registers and signs a project; returns its id. */
    private String signed(String region, String yuan, LocalDate signedOn, Instant at) {
        String id = "00000000-0000-4000-8000-" + String.format("%012d", ++projects);
        projection.on(new ProjectRegisteredEvent(id, null, "项目" + projects, "投资方", RegionCode.of(region),
                IndustryCode.of("NEW_ENERGY"), "北京", Money.ofYuan(yuan), signedOn.minusDays(10), null, null,
                null), at);
        projection.on(new ProjectSignedEvent(id, signedOn, null), 1, at);
        return id;
    }

    private MilestoneStatistics.Answer signedIn(String region, LocalDate from, LocalDate to, Instant asOf) {
        return statistics.count(new MilestoneStatistics.Question(Milestone.SIGNED, REGIONS.subtree(region), from, to,
                null, null, asOf, null));
    }

    private static final LocalDate JAN_1 = LocalDate.of(2024, 1, 1);
    private static final LocalDate JUN_30 = LocalDate.of(2024, 6, 30);

    @Test
    void aCityCountsEverythingBelowIt_andTheProvinceEverything() {
        signed("441202", "100", LocalDate.of(2024, 3, 1), T0);
        signed("441200-JJQ-SBJ", "200.50", LocalDate.of(2024, 4, 1), T0);
        signed("440600-FSHT-NH", "400", LocalDate.of(2024, 5, 1), T0);

        assertThat(signedIn("441200", JAN_1, JUN_30, null))
                .isEqualTo(new MilestoneStatistics.Answer(2, new BigDecimal("300.5")));
        assertThat(signedIn("440000", JAN_1, JUN_30, null).projects()).isEqualTo(3);
        assertThat(signedIn("441200-JJQ", JAN_1, JUN_30, null).projects()).isEqualTo(1);
    }

    @Test
    void periodBoundsAreInclusive() {
        signed("441202", "1", JAN_1, T0);
        signed("441202", "1", JUN_30, T0);
        signed("441202", "1", JUN_30.plusDays(1), T0);
        signed("441202", "1", JAN_1.minusDays(1), T0);

        assertThat(signedIn("441200", JAN_1, JUN_30, null).projects()).isEqualTo(2);
    }

    @Test
    void aCancelledProjectStillCounts_aVoidedOneNever() {
        String cancelled = signed("441202", "10", LocalDate.of(2024, 2, 1), T0);
        String voided = signed("441202", "20", LocalDate.of(2024, 2, 1), T0);
        projection.on(new ProjectCancelledEvent(cancelled, "投资方撤资"), 2);
        projection.on(new ProjectVoidedEvent(voided, "重复录入"), 2, T0.plusSeconds(60));

        assertThat(signedIn("441200", JAN_1, JUN_30, null))
                .isEqualTo(new MilestoneStatistics.Answer(1, new BigDecimal("10")));
    }

    @Test
    void asOfAnswersAsKnownThen_aLaterCorrectionDoesNotChangeIt() {
        String id = signed("441202", "500", LocalDate.of(2024, 6, 28), T0);
        Instant corrected = T0.plusSeconds(3600);
        projection.on(new MilestoneDateCorrectedEvent(id, Milestone.SIGNED, LocalDate.of(2024, 6, 28),
                LocalDate.of(2024, 7, 2), "以合同落款日期为准"), 2, corrected);

        assertThat(signedIn("441200", JAN_1, JUN_30, null).projects()).isZero();
        assertThat(signedIn("441200", JAN_1, JUN_30, corrected.minusSeconds(1)).projects()).isEqualTo(1);
        assertThat(signedIn("441200", JAN_1, JUN_30, corrected).projects()).isZero();
        assertThat(signedIn("441200", JAN_1, JUN_30, T0.minusSeconds(1)).projects())
                .as("before it was recorded at all").isZero();
    }

    @Test
    void theCurrentPlannedInvestmentIsSummed_andAsOfTheOneKnownThen() {
        String id = signed("441202", "500", LocalDate.of(2024, 3, 1), T0);
        Instant revised = T0.plusSeconds(60);
        projection.on(new PlannedInvestmentRevisedEvent(id, Money.ofYuan("750.25"), "追加投资"), 2, revised);

        assertThat(signedIn("441200", JAN_1, JUN_30, null).plannedInvestmentYuan()).isEqualTo(new BigDecimal("750.25"));
        assertThat(signedIn("441200", JAN_1, JUN_30, revised.minusMillis(1)).plannedInvestmentYuan())
                .isEqualTo(new BigDecimal("500"));
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        String id = signed("441202", "500", LocalDate.of(2024, 3, 1), T0);
        projection.on(new ProjectSignedEvent(id, LocalDate.of(2024, 3, 1), null), 1, T0);
        projection.on(new PlannedInvestmentRevisedEvent(id, Money.ofYuan("600"), "追加"), 2, T0);
        projection.on(new PlannedInvestmentRevisedEvent(id, Money.ofYuan("600"), "追加"), 2, T0);

        assertThat(signedIn("441200", JAN_1, JUN_30, null))
                .isEqualTo(new MilestoneStatistics.Answer(1, new BigDecimal("600")));
    }
}
