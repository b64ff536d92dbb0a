package cn.pipelinetracker.command.campaignrules;

import cn.pipelinetracker.command.handling.CommandRefusal;
import cn.pipelinetracker.events.CampaignBucket;
import cn.pipelinetracker.platform.i18n.Phrase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/**
 * The campaigns' own facts the command side needs across aggregates, written in the same transaction as the events:
 * the region of each campaign, and which campaign a project counts for in each bucket (the first that enrolled it;
 * a withdrawal frees it).
 */
@Repository
public class CampaignClaims {

    private final JdbcClient jdbc;

    public CampaignClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void recordRegion(String campaignId, String regionCode) {
        jdbc.sql("INSERT INTO campaign_region (campaign_id, region_code) VALUES (?, ?)")
                .params(campaignId, regionCode).update();
    }

    public Optional<String> regionOf(String campaignId) {
        return jdbc.sql("SELECT region_code FROM campaign_region WHERE campaign_id = ?").param(campaignId)
                .query(String.class).optional();
    }

    /**
     * Claims the bucket of the project for the campaign; refuses when another campaign has it. The same campaign
     * again is left to the campaign itself (one bucket per project per campaign).
     */
    public void claim(String projectId, CampaignBucket bucket, String campaignId) {
        int inserted = jdbc.sql("""
                        INSERT INTO campaign_claim (project_id, bucket, campaign_id) VALUES (?, ?, ?)
                        ON CONFLICT (project_id, bucket) DO NOTHING""")
                .params(projectId, bucket.name(), campaignId).update();
        if (inserted == 0) {
            String holder = jdbc.sql("SELECT campaign_id FROM campaign_claim WHERE project_id = ? AND bucket = ?")
                    .params(projectId, bucket.name()).query(String.class).single();
            if (!holder.equals(campaignId)) {
                throw new CommandRefusal(CommandRefusal.Kind.CONFLICT, "project-in-another-campaign", "projectId",
                        Phrase.of("refusal.project-in-another-campaign", "project " + projectId
                                + " already counts for " + bucket + " in campaign " + holder, projectId,
                                Phrase.of("value." + bucket.name(), bucket.name()), holder));
            }
        }
    }

    public void release(String projectId, String campaignId) {
        jdbc.sql("DELETE FROM campaign_claim WHERE project_id = ? AND campaign_id = ?")
                .params(projectId, campaignId).update();
    }
}
