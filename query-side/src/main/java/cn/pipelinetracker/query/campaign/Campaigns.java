package cn.pipelinetracker.query.campaign;

import cn.pipelinetracker.events.CampaignBucket;
import cn.pipelinetracker.query.campaign.CampaignView.Bucket;
import cn.pipelinetracker.query.campaign.CampaignView.Figures;
import cn.pipelinetracker.query.campaign.CampaignView.FollowThrough;
import cn.pipelinetracker.query.stats.MilestoneStatistics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads campaigns: their own rows from {@link CampaignProjection}'s tables, today's figures and follow-through from
 * {@code project_view}, so that "now" is what the statistics count: the current planned investment of the projects
 * still in the pipeline (active or suspended; a cancelled project shows as cancelled, a voided one drops out). As of an
 * earlier instant, the same answers as known then: from the recorded times of the campaign's own events, the
 * statistics' bitemporal milestone facts and the projects' recorded history.
 */
@Repository
public class Campaigns {

    private record Row(String campaignId, String name, String regionCode, LocalDate heldOn, String status) {
    }

    private record Key(String campaignId, String bucket) {
    }

    /**
     * Each project enrolled in the campaigns {@code ?} (an array) now, and how it stands now, from
     * {@code project_view}: its planned investment, whether it is in the pipeline (active or suspended), has started
     * construction / production (voided ones never), was cancelled, was voided.
     */
    private static final String ENROLLED_NOW = """
            SELECT cp.campaign_id, cp.bucket, pv.planned_investment_yuan AS planned,
                   COALESCE(pv.status IN ('ACTIVE', 'SUSPENDED'), false) AS in_pipeline,
                   COALESCE(pv.status <> 'VOIDED' AND pv.construction_started_on IS NOT NULL, false)
                       AS construction_started,
                   COALESCE(pv.status <> 'VOIDED' AND pv.production_started_on IS NOT NULL, false)
                       AS production_started,
                   COALESCE(pv.status = 'CANCELLED', false) AS cancelled,
                   COALESCE(pv.status = 'VOIDED', false) AS voided
            FROM campaign_project cp
            LEFT JOIN project_view pv ON pv.project_id = cp.project_id
            WHERE cp.campaign_id = ANY (?) AND cp.withdrawn_at IS NULL""";

    /**
     * The same as known at the instant {@code ?} (first), of the projects enrolled in the campaigns {@code ?} (an
     * array) then: enrolments and withdrawals recorded by then; planned investment and milestones from the milestone
     * facts known then (the statistics' own, docs/decisions/0007-statistics-roll-up-and-as-of.md: a void supersedes
     * every fact, so a project voided by then has none); cancellation and void from the history recorded by then.
     */
    private static final String ENROLLED_AS_OF = """
            SELECT campaign_id, bucket, planned, planned IS NOT NULL AND NOT cancelled AS in_pipeline,
                   construction_started, production_started, cancelled, voided
            FROM (SELECT cp.campaign_id, cp.bucket, registered.planned_investment_yuan AS planned,
                         EXISTS (SELECT 1 FROM milestone_fact f
                                 WHERE f.project_id = cp.project_id AND f.milestone = 'CONSTRUCTION_STARTED'
                                   AND %1$s) AS construction_started,
                         EXISTS (SELECT 1 FROM milestone_fact f
                                 WHERE f.project_id = cp.project_id AND f.milestone = 'PRODUCTION_STARTED'
                                   AND %1$s) AS production_started,
                         EXISTS (SELECT 1 FROM project_history h
                                 WHERE h.project_id = cp.project_id AND h.type = 'ProjectCancelledEvent'
                                   AND h.recorded_at <= at.t) AS cancelled,
                         EXISTS (SELECT 1 FROM project_history h
                                 WHERE h.project_id = cp.project_id AND h.type = 'ProjectVoidedEvent'
                                   AND h.recorded_at <= at.t) AS voided
                  FROM campaign_project cp
                  CROSS JOIN (SELECT CAST(? AS TIMESTAMPTZ) AS t) at
                  LEFT JOIN milestone_fact registered ON registered.project_id = cp.project_id
                      AND registered.milestone = 'REGISTERED' AND %2$s
                  WHERE cp.campaign_id = ANY (?) AND cp.enrolled_at <= at.t
                    AND (cp.withdrawn_at IS NULL OR cp.withdrawn_at > at.t)) known""".formatted(
            MilestoneStatistics.knownAt("f.", "at.t"), MilestoneStatistics.knownAt("registered.", "at.t"));

    private final JdbcClient jdbc;

    public Campaigns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One project enrolled in a campaign, as the pages list it: its bucket and how far it has come. */
    public record EnrolledProject(String projectId, String projectCode, String name, String regionCode, String bucket,
                                  String status, String stage, LocalDate signedOn, LocalDate constructionStartedOn,
                                  LocalDate productionStartedOn, BigDecimal plannedInvestmentYuan) {
    }

    /**
     * The campaign's projects: those that have not started construction first (the longest signed first), then the
     * others, the longest signed first.
     */
    public List<EnrolledProject> projectsOf(String campaignId) {
        return jdbc.sql("""
                        SELECT cp.project_id, pv.project_code, pv.name, pv.region_code, cp.bucket, pv.status, pv.stage,
                               pv.signed_on, pv.construction_started_on, pv.production_started_on,
                               pv.planned_investment_yuan
                        FROM campaign_project cp JOIN project_view pv ON pv.project_id = cp.project_id
                        WHERE cp.campaign_id = ? AND cp.withdrawn_at IS NULL
                        ORDER BY pv.construction_started_on IS NOT NULL, pv.signed_on NULLS LAST, pv.name""")
                .param(campaignId)
                .query((rs, n) -> new EnrolledProject(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class),
                        rs.getObject(10, LocalDate.class), rs.getBigDecimal(11)))
                .list();
    }

    public Optional<String> regionOf(String campaignId) {
        return jdbc.sql("SELECT region_code FROM campaign_view WHERE campaign_id = ?").param(campaignId)
                .query(String.class).optional();
    }

    /** The campaign now, or as known at {@code asOf} (null: now); empty if it did not exist (yet). */
    public Optional<CampaignView> find(String campaignId, Instant asOf) {
        return views(rows("campaign_id = ?", campaignId, asOf), asOf).stream().findFirst();
    }

    /**
     * The campaigns of the regions given, newest first (by the day held, then by when they were planned); now, or as
     * known at {@code asOf} (null: now).
     */
    public List<CampaignView> inRegions(Collection<String> regionCodes, Instant asOf) {
        return views(rows("region_code = ANY (?)", regionCodes.toArray(String[]::new), asOf), asOf);
    }

    private List<Row> rows(String where, Object param, Instant asOf) {
        if (asOf == null) {
            return jdbc.sql("SELECT campaign_id, name, region_code, held_on, status FROM campaign_view WHERE " + where
                            + " ORDER BY held_on DESC, created_position DESC")
                    .param(param)
                    .query(Campaigns::row)
                    .list();
        }
        Timestamp at = Timestamp.from(asOf);
        return jdbc.sql("SELECT campaign_id, name, region_code, held_on, "
                        + "CASE WHEN held_at <= ? THEN 'HELD' ELSE 'PLANNED' END FROM campaign_view "
                        + "WHERE created_at <= ? AND " + where + " ORDER BY held_on DESC, created_position DESC")
                .params(at, at, param)
                .query(Campaigns::row)
                .list();
    }

    private static Row row(ResultSet rs, int rowNumber) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                rs.getString(5));
    }

    private List<CampaignView> views(List<Row> rows, Instant asOf) {
        if (rows.isEmpty()) {
            return List.of();
        }
        String[] ids = rows.stream().map(Row::campaignId).toArray(String[]::new);
        Map<Key, Figures> announced = new HashMap<>();
        jdbc.sql("""
                        SELECT c.campaign_id, a.bucket, a.projects, a."plannedInvestmentYuan"
                        FROM campaign_view c,
                             jsonb_to_recordset(c.announced) AS a(bucket TEXT, projects BIGINT,
                                                                   "plannedInvestmentYuan" NUMERIC)
                        WHERE c.campaign_id = ANY (?) AND c.announced IS NOT NULL""")
                .param(ids)
                .query(rs -> {
                    announced.put(new Key(rs.getString(1), rs.getString(2)),
                            new Figures(rs.getLong(3), rs.getBigDecimal(4)));
                });
        String enrolled = asOf == null ? ENROLLED_NOW : ENROLLED_AS_OF;
        List<Object> params = new ArrayList<>();
        if (asOf != null) {
            params.add(Timestamp.from(asOf));
        }
        params.add(ids);
        Map<Key, Figures> now = new HashMap<>();
        jdbc.sql("WITH enrolled AS (" + enrolled + """
                        )
                        SELECT campaign_id, bucket, count(*) FILTER (WHERE in_pipeline),
                               COALESCE(sum(planned) FILTER (WHERE in_pipeline), 0)
                        FROM enrolled GROUP BY campaign_id, bucket""")
                .params(params)
                .query(rs -> {
                    now.put(new Key(rs.getString(1), rs.getString(2)), new Figures(rs.getLong(3), rs.getBigDecimal(4)));
                });
        Map<String, FollowThrough> followThrough = new HashMap<>();
        jdbc.sql("WITH enrolled AS (" + enrolled + """
                        )
                        SELECT campaign_id, count(*), count(*) FILTER (WHERE construction_started),
                               count(*) FILTER (WHERE production_started), count(*) FILTER (WHERE cancelled),
                               count(*) FILTER (WHERE voided)
                        FROM enrolled GROUP BY campaign_id""")
                .params(params)
                .query(rs -> {
                    followThrough.put(rs.getString(1), FollowThrough.of(rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6)));
                });
        Figures none = new Figures(0, BigDecimal.ZERO);
        List<CampaignView> views = new ArrayList<>();
        for (Row row : rows) {
            boolean held = row.status().equals("HELD");
            List<Bucket> buckets = new ArrayList<>();
            for (CampaignBucket bucket : CampaignBucket.values()) {
                Key key = new Key(row.campaignId(), bucket.name());
                buckets.add(new Bucket(bucket.name(), held ? announced.getOrDefault(key, none) : null,
                        now.getOrDefault(key, none)));
            }
            views.add(new CampaignView(row.campaignId(), row.name(), row.regionCode(), row.heldOn(), row.status(),
                    buckets, followThrough.getOrDefault(row.campaignId(), FollowThrough.of(0, 0, 0, 0, 0))));
        }
        return views;
    }
}
