package cn.pipelinetracker.query.campaign;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The contract's campaign answer: what it announced when held (null before), the same projects counted today, and
 * how they followed through.
 */
public record CampaignView(String campaignId, String name, String regionCode, LocalDate heldOn, String status,
                           List<Bucket> buckets, FollowThrough followThrough) {

    /** A number of projects and their planned investment. */
    public record Figures(long projects, BigDecimal plannedInvestmentYuan) {
    }

    public record Bucket(String bucket, Figures announced, Figures now) {
    }

    /**
     * Over every project enrolled: how many reached construction start / production start by now (whenever), were
     * cancelled, were voided; the rates are fractions of {@code enrolled - voided} (null when that is 0).
     */
    public record FollowThrough(long enrolled, long constructionStarted, long productionStarted, long cancelled,
                                long voided, Double constructionStartRate, Double productionStartRate) {

        static FollowThrough of(long enrolled, long constructionStarted, long productionStarted, long cancelled,
                                long voided) {
            long counted = enrolled - voided;
            return new FollowThrough(enrolled, constructionStarted, productionStarted, cancelled, voided,
                    counted == 0 ? null : (double) constructionStarted / counted,
                    counted == 0 ? null : (double) productionStarted / counted);
        }
    }
}
