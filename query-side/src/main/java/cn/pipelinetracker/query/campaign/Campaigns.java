package cn.pipelinetracker.query.campaign;

import cn.pipelinetracker.events.CampaignBucket;
import cn.pipelinetracker.query.campaign.CampaignView.Bucket;
import cn.pipelinetracker.query.campaign.CampaignView.Figures;
import cn.pipelinetracker.query.campaign.CampaignView.FollowThrough;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Date;
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
 * still in the pipeline (active or suspended; a cancelled project shows as cancelled, a voided one drops out).
 */
@Repository
public class Campaigns {

    private record Row(String campaignId, String name, String regionCode, LocalDate heldOn, String status) {
    }

    private record Key(String campaignId, String bucket) {
    }

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
                        WHERE cp.campaign_id = ?
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

    public Optional<CampaignView> find(String campaignId) {
        return views(rows("campaign_id = ?", campaignId)).stream().findFirst();
    }

    /** The campaigns of the regions given, newest first (by the day held, then by when they were planned). */
    public List<CampaignView> inRegions(Collection<String> regionCodes) {
        return views(rows("region_code = ANY (?)", regionCodes.toArray(String[]::new)));
    }

    private List<Row> rows(String where, Object param) {
        return jdbc.sql("SELECT campaign_id, name, region_code, held_on, status FROM campaign_view WHERE " + where
                        + " ORDER BY held_on DESC, created_position DESC")
                .param(param)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getString(5)))
                .list();
    }

    private List<CampaignView> views(List<Row> rows) {
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
        Map<Key, Figures> now = new HashMap<>();
        jdbc.sql("""
                        SELECT cp.campaign_id, cp.bucket, count(pv.project_id),
                               COALESCE(sum(pv.planned_investment_yuan), 0)
                        FROM campaign_project cp
                        LEFT JOIN project_view pv ON pv.project_id = cp.project_id
                            AND pv.status IN ('ACTIVE', 'SUSPENDED')
                        WHERE cp.campaign_id = ANY (?)
                        GROUP BY cp.campaign_id, cp.bucket""")
                .param(ids)
                .query(rs -> {
                    now.put(new Key(rs.getString(1), rs.getString(2)), new Figures(rs.getLong(3), rs.getBigDecimal(4)));
                });
        Map<String, FollowThrough> followThrough = new HashMap<>();
        jdbc.sql("""
                        SELECT cp.campaign_id, count(*),
                               count(*) FILTER (WHERE pv.status <> 'VOIDED' AND pv.construction_started_on IS NOT NULL),
                               count(*) FILTER (WHERE pv.status <> 'VOIDED' AND pv.production_started_on IS NOT NULL),
                               count(*) FILTER (WHERE pv.status = 'CANCELLED'),
                               count(*) FILTER (WHERE pv.status = 'VOIDED')
                        FROM campaign_project cp
                        LEFT JOIN project_view pv ON pv.project_id = cp.project_id
                        WHERE cp.campaign_id = ANY (?)
                        GROUP BY cp.campaign_id""")
                .param(ids)
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
