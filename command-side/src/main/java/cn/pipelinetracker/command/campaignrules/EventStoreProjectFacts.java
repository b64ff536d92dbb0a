package cn.pipelinetracker.command.campaignrules;

import cn.pipelinetracker.command.campaign.ProjectFacts;
import cn.pipelinetracker.command.campaign.ProjectFacts.Ending;
import cn.pipelinetracker.command.ledger.ProjectState;
import cn.pipelinetracker.command.ledger.ProjectStates;
import cn.pipelinetracker.events.Money;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The facts of the projects a campaign enrols or holds, folded from their own events in the command's transaction: what the log
 * says is what counts, with no second copy of milestone dates to keep in step (docs/decisions/0018-campaigns.md).
 */
@Component
class EventStoreProjectFacts implements ProjectFacts {

    private final ProjectStates states;

    EventStoreProjectFacts(ProjectStates states) {
        this.states = states;
    }

    @Override
    public Map<String, Facts> of(Collection<String> projectIds) {
        Map<String, Facts> facts = new HashMap<>();
        states.load(projectIds).forEach((id, state) -> facts.put(id, new Facts(state.milestones(),
                new Money(state.plannedInvestmentYuan()), ending(state))));
        return facts;
    }

    private static Ending ending(ProjectState state) {
        return state.voided() ? Ending.VOIDED : state.cancelled() ? Ending.CANCELLED : null;
    }
}
