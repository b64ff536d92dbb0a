package cn.pipelinetracker.command.campaign;

import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.Money;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/**
 * What a campaign needs to know of its projects when it is held: the date each reached each milestone (after
 * corrections), its planned investment now (after a contracted amount and revisions), and whether it was voided.
 * Read from the projects' own events in the holding's transaction (docs/decisions/0018-campaigns.md).
 */
public interface ProjectFacts {

    record Facts(Map<Milestone, LocalDate> reached, Money plannedInvestmentYuan, boolean voided) {

        public boolean reachedBy(Milestone milestone, LocalDate day) {
            LocalDate date = reached.get(milestone);
            return date != null && !date.isAfter(day);
        }
    }

    /** The facts of each project named; a project that does not exist is missing from the answer. */
    Map<String, Facts> of(Collection<String> projectIds);
}
