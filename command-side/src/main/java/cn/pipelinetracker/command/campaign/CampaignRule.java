package cn.pipelinetracker.command.campaign;

/**
 * The named rules of a campaign's life. Each has its own aggregate test; a broken rule is a
 * {@link CampaignRuleViolation}, answered as a conflict (409).
 */
public enum CampaignRule {
    /** A project is in at most one bucket of a campaign: enrolling it again, in any bucket, is refused (not a move). */
    ONE_BUCKET_PER_PROJECT,
    /**
     * A project cancelled or voided by the time it would be enrolled stays out: a campaign announces projects in the
     * pipeline. (One enrolled before it ended stays enrolled; holding leaves a voided one out of its figures.)
     */
    NO_CANCELLED_OR_VOIDED_PROJECT,
    /** Only a project enrolled in the campaign can be withdrawn from it. */
    WITHDRAW_ONLY_ENROLLED,
    /** A held campaign takes no enrolment, withdrawal or second holding: its announced figures are frozen. */
    NOTHING_AFTER_HOLDING,
    /** A campaign is held on its day or after it, never before (today in the {@code pipeline.zone} calendar). */
    HOLD_NOT_BEFORE_HELD_ON,
    /** Every project enrolled had reached its bucket's milestone on or before the day the campaign is held. */
    ENROLLED_PROJECTS_REACHED_THEIR_MILESTONE
}
