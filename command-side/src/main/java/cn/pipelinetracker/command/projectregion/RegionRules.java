package cn.pipelinetracker.command.projectregion;

import cn.pipelinetracker.command.handling.CommandEnvelope;
import cn.pipelinetracker.command.handling.CommandRefusal;
import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.reference.RegionTree;

/**
 * The region check every aggregate's commands share: a region that exists (whether the actor may act in it is
 * {@link CommandEnvelope.Actor#requireRegion}).
 */
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
}
