package cn.pipelinetracker.query.projectview;

import cn.pipelinetracker.events.ConstructionStartedEvent;
import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.MilestoneDateCorrectedEvent;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.PlannedInvestmentRevisedEvent;
import cn.pipelinetracker.events.ProgressReportedEvent;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectResumedEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.ProjectSuspendedEvent;
import cn.pipelinetracker.events.ProjectVoidedEvent;
import cn.pipelinetracker.events.RegionCode;
import cn.pipelinetracker.platform.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import cn.pipelinetracker.query.ProjectionWriter;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Events in, answers out: the project view projection on a real PostgreSQL, without Spring. */
class ProjectViewProjectionTest {

    private static final String ID = "7d0c6d8e-4b8a-4a36-9d1e-0a4f3c2b1a90";

    private ProjectViewProjection projection;
    private ProjectViews views;
    private JdbcClient jdbc;

    @BeforeEach
    void freshDatabase() {
        DataSource dataSource = TestDatabase.withSchemas("event-store", "query-side");
        jdbc = JdbcClient.create(dataSource);
        projection = new ProjectViewProjection(new ProjectionWriter(dataSource), Clock.system(ZoneId.of("Asia/Shanghai")));
        views = new ProjectViews(jdbc);
    }

    private static ProjectRegisteredEvent registered(String id, String region) {
        return new ProjectRegisteredEvent(id, "C-" + id.substring(0, 4), "灯塔社区创新中心", "佛山灯塔投资有限公司",
                RegionCode.of(region), IndustryCode.of("DIGITAL_ECONOMY"), "北京", Money.ofYuan("530000000"),
                LocalDate.of(2023, 3, 1), null, 120, List.of("重点"));
    }

    @Test
    void aProjectsViewFollowsItsMilestones() {
        projection.on(registered(ID, "440600-FSHT"));
        projection.on(new ProjectSignedEvent(ID, LocalDate.of(2023, 4, 2), Money.ofYuan("550000000.50")), 1);
        projection.on(new ConstructionStartedEvent(ID, LocalDate.of(2023, 6, 1)), 2);
        projection.on(new ProgressReportedEvent(ID, LocalDate.of(2023, 9, 30), null, new BigDecimal("62.9"), null), 3);

        ProjectView view = views.find(ID).orElseThrow();
        assertThat(view.name()).isEqualTo("灯塔社区创新中心");
        assertThat(view.stage()).isEqualTo(Stage.UNDER_CONSTRUCTION);
        assertThat(view.status()).isEqualTo(ProjectStatus.ACTIVE);
        assertThat(view.plannedInvestmentYuan()).isEqualTo(new BigDecimal("550000000.5"));
        assertThat(view.signedOn()).isEqualTo(LocalDate.of(2023, 4, 2));
        assertThat(view.constructionCompletedOn()).isNull();
        assertThat(view.version()).isEqualTo(4);
    }

    @Test
    void fundsInPlaceAreTheLastAmountReportedExactly() {
        projection.on(registered(ID, "440600-FSHT"));
        projection.on(new ProgressReportedEvent(ID, LocalDate.of(2023, 6, 30), null, null,
                Money.ofYuan("120000000.05")), 1);
        projection.on(new ProgressReportedEvent(ID, LocalDate.of(2023, 7, 31), null, new BigDecimal("20"), null), 2);

        ProjectView view = views.find(ID).orElseThrow();
        assertThat(view.fundsInPlaceYuan()).isEqualTo(new BigDecimal("120000000.05"));
        assertThat(view.progressAsOf()).isEqualTo(LocalDate.of(2023, 7, 31));
    }

    @Test
    void aSuspensionIsDatedByTheZonesCalendarAndAResumptionClearsIt() {
        projection.on(registered(ID, "441200"));
        projection.on(new ProjectSuspendedEvent(ID, "环评"), 1, Instant.parse("2023-05-31T16:30:00Z"));

        assertThat(suspendedOn()).isEqualTo(LocalDate.of(2023, 6, 1)); // 00:30 in Beijing

        projection.on(new ProjectResumedEvent(ID, null), 2);
        assertThat(suspendedOn()).isNull();
    }

    private LocalDate suspendedOn() {
        return jdbc.sql("SELECT suspended_on FROM project_view WHERE project_id = ?").param(ID)
                .query((rs, row) -> rs.getObject(1, LocalDate.class)).list().get(0);
    }

    @Test
    void aCorrectionReplacesTheMilestoneDate() {
        projection.on(registered(ID, "441200"));
        projection.on(new ProjectSignedEvent(ID, LocalDate.of(2023, 4, 2), null), 1);
        projection.on(new MilestoneDateCorrectedEvent(ID, Milestone.SIGNED, LocalDate.of(2023, 4, 2),
                LocalDate.of(2023, 3, 30), "合同落款日期"), 2);

        assertThat(views.find(ID).orElseThrow().signedOn()).isEqualTo(LocalDate.of(2023, 3, 30));
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() {
        projection.on(registered(ID, "441200"));
        projection.on(registered(ID, "441200"));
        projection.on(new PlannedInvestmentRevisedEvent(ID, Money.ofYuan("600000000"), "扩产"), 1);
        projection.on(new ProjectSuspendedEvent(ID, "环评"), 2, Instant.parse("2023-05-31T16:30:00Z"));
        // a stolen claim replays the batch: the revision arrives again after the suspension
        projection.on(new PlannedInvestmentRevisedEvent(ID, Money.ofYuan("999"), "replayed"), 1);

        ProjectView view = views.find(ID).orElseThrow();
        assertThat(view.plannedInvestmentYuan()).isEqualTo(new BigDecimal("600000000"));
        assertThat(view.status()).isEqualTo(ProjectStatus.SUSPENDED);
        assertThat(view.version()).isEqualTo(3);
    }

    @Test
    void theListFiltersByRegionSubtreeStatusAndText() {
        String other = "1b2c3d4e-0000-4000-8000-000000000001";
        projection.on(registered(ID, "440600-FSHT"));
        projection.on(new ProjectRegisteredEvent(other, null, "明丽达新能源零部件项目", "肇庆明丽达科技有限公司",
                RegionCode.of("441204"), IndustryCode.of("NEW_ENERGY"), null, Money.ofYuan("1000000000"),
                LocalDate.of(2023, 2, 1), null, null, null));
        projection.on(new ProjectVoidedEvent(other, "重复录入"), 1);

        var foshan = views.list(new ProjectViews.Filter(Set.of("440600", "440600-FSHT"), null, null, null, null,
                        null, null),
                ProjectViews.Order.REGISTERED_ON, 0, 20);
        assertThat(foshan.items()).extracting(ProjectView::projectId).containsExactly(ID);
        assertThat(foshan.total()).isEqualTo(1);

        var voided = views.list(new ProjectViews.Filter(null, null, ProjectStatus.VOIDED, null, null, null, null),
                ProjectViews.Order.REGISTERED_ON, 0, 20);
        assertThat(voided.items()).extracting(ProjectView::projectId).containsExactly(other);

        var text = views.list(new ProjectViews.Filter(null, null, null, null, "明丽达", null, null),
                ProjectViews.Order.REGISTERED_ON, 0, 20);
        assertThat(text.items()).extracting(ProjectView::projectId).containsExactly(other);

        var paged = views.list(new ProjectViews.Filter(null, null, null, null, null, null, null),
                ProjectViews.Order.REGISTERED_ON, 1, 1);
        assertThat(paged.items()).hasSize(1);
        assertThat(paged.total()).isEqualTo(2);
    }
}
