package cn.pipelinetracker.command.projectregion;

import cn.pipelinetracker.command.handling.CommandEnvelope;
import cn.pipelinetracker.command.handling.CommandRefusal;
import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.reference.RegionTree;

/** The region checks every aggregate's commands share: a region that exists, and an actor acting in its subtree. */
public final class RegionRules {

    private RegionRules() {
    }

    public static void requireKnownRegion(RegionTree regions, String region, String field) {
        if (!regions.contains(region)) {
            throw new CommandRefusal(CommandRefusal.Kind.INVALID, "invalid-request", field,
                    Phrase.of("refusal.unknown-region", "unknown region code " + region
                            + " (GET /api/v1/regions lists them)", region));
        }
    }

    /** Refuses an actor whose subtree does not hold {@code region}, naming {@code what} and never the region. */
    public static void requireActorRegion(RegionTree regions, CommandEnvelope envelope, String region, Phrase what) {
        CommandEnvelope.Actor actor = envelope.actor();
        if (actor.regionCode() != null && !regions.subtree(actor.regionCode()).contains(region)) {
            throw new CommandRefusal(CommandRefusal.Kind.FORBIDDEN, "region-forbidden", null,
                    Phrase.of("refusal.region-forbidden", what.english() + " lies outside your region "
                            + actor.regionCode(), what, actor.regionCode()));
        }
    }
}
