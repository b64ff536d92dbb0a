package cn.pipelinetracker.query.campaign;

import cn.pipelinetracker.events.CampaignBucket;
import cn.pipelinetracker.events.CampaignCreatedEvent;
import cn.pipelinetracker.events.CampaignHeldEvent;
import cn.pipelinetracker.events.CampaignHeldEvent.Announced;
import cn.pipelinetracker.events.CampaignProjectEnrolledEvent;
import cn.pipelinetracker.events.CampaignProjectWithdrawnEvent;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.RegionCode;
import cn.pipelinetracker.platform.test.TestDatabase;
import cn.pipelinetracker.query.ProjectionWriter;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Events in, answers out: the campaign projection and its reads on a real PostgreSQL, without Spring. */
class CampaignProjectionTest {

    private static final String CAMPAIGN = "8a2e4c61-5b7d-4f90-a1c3-2d6e8f0b9a17";
    private static final String A = "7d0c6d8e-4b8a-4a36-9d1e-0a4f3c2b1a01";
    private static final String B = "7d0c6d8e-4b8a-4a36-9d1e-0a4f3c2b1a02";

    /** The instant the campaign's event with that sequence number was recorded, in these tests. */
    private static Instant at(long sequence) {
        return Instant.parse("2023-02-01T02:00:00Z").plusSeconds(sequence);
    }

    private CampaignProjection projection;
    private Campaigns campaigns;
    private JdbcClient jdbc;

    @BeforeEach
    void freshDatabase() {
        DataSource dataSource = TestDatabase.withSchemas("event-store", "query-side");
        ProjectionWriter writes = new ProjectionWriter(dataSource);
        projection = new CampaignProjection(writes);
        jdbc = JdbcClient.create(dataSource);
        campaigns = new Campaigns(jdbc);
        for (String id : List.of(A, B)) { // the projects as the project view holds them
            jdbc.sql("""
                    INSERT INTO project_view (project_id, name, investor, region_code, industry, planned_investment_yuan,
                        status, registered_on, signed_on, version)
                    VALUES (?, ?, '投资方', '441202', 'NEW_ENERGY', 100000000.50, 'ACTIVE', DATE '2023-01-05',
                        DATE '2023-02-10', 2)""").params(id, "项目" + id.substring(35)).update();
        }
    }

    @Test
    void aHeldCampaignKeepsWhatItAnnouncedWhileNowFollowsTheProjects() {
        projection.on(new CampaignCreatedEvent(CAMPAIGN, "肇庆市集中签约活动", RegionCode.of("441200"),
                LocalDate.of(2023, 2, 10)), new GlobalSequenceTrackingToken(7), at(0));
        projection.on(new CampaignProjectEnrolledEvent(CAMPAIGN, A, CampaignBucket.SIGNING), 1, at(1));
        projection.on(new CampaignProjectEnrolledEvent(CAMPAIGN, B, CampaignBucket.SIGNING), 2, at(2));
        CampaignView planned = campaigns.find(CAMPAIGN, null).orElseThrow();
        assertThat(planned.status()).isEqualTo("PLANNED");
        assertThat(planned.buckets()).allSatisfy(bucket -> assertThat(bucket.announced()).isNull());

        projection.on(new CampaignHeldEvent(CAMPAIGN, LocalDate.of(2023, 2, 10), List.of(
                new Announced(CampaignBucket.SIGNING, 2, Money.ofYuan("200000001")),
                new Announced(CampaignBucket.CONSTRUCTION_START, 0, Money.ZERO),
                new Announced(CampaignBucket.PRODUCTION_START, 0, Money.ZERO))), 3, at(3));
        jdbc.sql("UPDATE project_view SET planned_investment_yuan = 150000000.25 WHERE project_id = ?").param(A).update();
        jdbc.sql("UPDATE project_view SET status = 'CANCELLED' WHERE project_id = ?").param(B).update();

        CampaignView held = campaigns.find(CAMPAIGN, null).orElseThrow();
        CampaignView.Bucket signing = held.buckets().get(0);
        assertThat(held.status()).isEqualTo("HELD");
        assertThat(signing.announced().plannedInvestmentYuan()).isEqualByComparingTo("200000001");
        assertThat(signing.now().projects()).isEqualTo(1);
        assertThat(signing.now().plannedInvestmentYuan()).isEqualByComparingTo(new BigDecimal("150000000.25"));
        assertThat(held.followThrough().enrolled()).isEqualTo(2);
        assertThat(held.followThrough().cancelled()).isEqualTo(1);
        assertThat(held.followThrough().constructionStartRate()).isEqualTo(0.0);
        assertThat(campaigns.inRegions(Set.of("441200"), null)).extracting(CampaignView::campaignId)
                .containsExactly(CAMPAIGN);
        assertThat(campaigns.inRegions(Set.of("440600"), null)).isEmpty();
    }

    @Test
    void anEventSeenTwiceCountsOnceAndAWithdrawalTakesTheProjectOut() {
        projection.on(new CampaignCreatedEvent(CAMPAIGN, "活动", RegionCode.of("441200"), LocalDate.of(2023, 2, 10)),
                new GlobalSequenceTrackingToken(7), at(0));
        projection.on(new CampaignProjectEnrolledEvent(CAMPAIGN, A, CampaignBucket.SIGNING), 1, at(1));
        projection.on(new CampaignProjectWithdrawnEvent(CAMPAIGN, A, CampaignBucket.SIGNING), 2, at(2));
        projection.on(new CampaignProjectEnrolledEvent(CAMPAIGN, A, CampaignBucket.SIGNING), 1, at(1)); // replayed

        assertThat(campaigns.find(CAMPAIGN, null).orElseThrow().followThrough().enrolled()).isZero();
        assertThat(campaigns.projectsOf(CAMPAIGN)).isEmpty();
        assertThat(campaigns.find(CAMPAIGN, at(1)).orElseThrow().followThrough().enrolled())
                .as("enrolled as known before its withdrawal").isEqualTo(1);
        assertThat(campaigns.find(CAMPAIGN, at(0).minusMillis(1))).as("not yet planned").isEmpty();
        projection.on(new CampaignProjectEnrolledEvent(CAMPAIGN, B, CampaignBucket.CONSTRUCTION_START), 3, at(3));
        assertThat(campaigns.projectsOf(CAMPAIGN)).extracting(Campaigns.EnrolledProject::projectId).containsExactly(B);
    }
}
