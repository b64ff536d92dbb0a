package cn.pipelinetracker.command.campaign;

import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.Money;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/**
 * What a campaign needs to know of its projects when it enrols or holds them: the date each reached each milestone
 * (after corrections), its planned investment now (after a contracted amount and revisions), and whether it was
 * cancelled or voided. Read from the projects' own events in the command's transaction
 * (docs/decisions/0018-campaigns.md).
 */
public interface ProjectFacts {

    /** How a project left the pipeline for good. */
    enum Ending { CANCELLED, VOIDED }

    /** {@code ending} is null while the project is in the pipeline (active or suspended). */
    record Facts(Map<Milestone, LocalDate> reached, Money plannedInvestmentYuan, Ending ending) {

        public boolean voided() {
            return ending == Ending.VOIDED;
        }

        public boolean reachedBy(Milestone milestone, LocalDate day) {
            LocalDate date = reached.get(milestone);
            return date != null && !date.isAfter(day);
        }
    }

    /** The facts of each project named; a project that does not exist is missing from the answer. */
    Map<String, Facts> of(Collection<String> projectIds);
}
