package cn.pipelinetracker.events;

/**
 * The three parts of a campaign event (集中签约 / 集中开工 / 集中投产): the projects announced as signed, as started
 * and as in production. A project enrolled in a bucket must have reached its {@link #milestone()} by the day the
 * campaign is held.
 */
public enum CampaignBucket {
    SIGNING(Milestone.SIGNED),
    CONSTRUCTION_START(Milestone.CONSTRUCTION_STARTED),
    PRODUCTION_START(Milestone.PRODUCTION_STARTED);

    private final Milestone milestone;

    CampaignBucket(Milestone milestone) {
        this.milestone = milestone;
    }

    public Milestone milestone() {
        return milestone;
    }
}
