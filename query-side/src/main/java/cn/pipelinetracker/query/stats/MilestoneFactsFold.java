package cn.pipelinetracker.query.stats;

import cn.pipelinetracker.events.ConstructionCompletedEvent;
import cn.pipelinetracker.events.ConstructionStartedEvent;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.MilestoneDateCorrectedEvent;
import cn.pipelinetracker.events.PlannedInvestmentRevisedEvent;
import cn.pipelinetracker.events.ProductionStartedEvent;
import cn.pipelinetracker.events.ProjectDetailsCorrectedEvent;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.ProjectVoidedEvent;
import cn.pipelinetracker.query.rebuild.ProjectFold;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.pipelinetracker.events.ProjectDetailsCorrectedEvent.after;

/**
 * {@link MilestoneFactsProjection} folded over a project's history: its {@code milestone_project} row and every
 * {@code milestone_fact} its events made known, each superseded where a later event superseded it.
 */
@Component
public class MilestoneFactsFold implements ProjectFold {

    private static final String PROJECT = "milestone_project";
    private static final String FACT = "milestone_fact";

    /** The project's attributes between events, as {@code milestone_project} keeps them. */
    private static final class Project {
        final String id;
        String region;
        String industry;
        String source;
        BigDecimal planned;
        long version = 1;

        Project(ProjectRegisteredEvent registered) {
            id = registered.projectId();
            region = registered.regionCode().value();
            industry = registered.industry().value();
            source = registered.sourceRegion();
            planned = registered.plannedInvestmentYuan().yuan();
        }
    }

    private record Fact(String milestone, long knownFromVersion, LocalDate date, String region, String industry,
                        String source, BigDecimal planned, Instant knownFrom, Instant[] supersededAt) {

        Fact(String milestone, long knownFromVersion, LocalDate date, String region, String industry, String source,
             BigDecimal planned, Instant knownFrom) {
            this(milestone, knownFromVersion, date, region, industry, source, planned, knownFrom, new Instant[1]);
        }

        boolean current() {
            return supersededAt[0] == null;
        }
    }

    @Override
    public String group() {
        return MilestoneFactsProjection.PROCESSING_GROUP;
    }

    @Override
    public Map<String, List<String>> columns() {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        columns.put(PROJECT, List.of("project_id", "region_code", "industry", "source_region",
                "planned_investment_yuan", "version"));
        columns.put(FACT, List.of("project_id", "milestone", "known_from_version", "milestone_date", "region_code",
                "industry", "source_region", "planned_investment_yuan", "known_from", "superseded_at"));
        return columns;
    }

    @Override
    public void fold(List<LoggedEvent> events, Rows rows) {
        Project project = null;
        List<Fact> facts = new ArrayList<>();
        for (LoggedEvent event : events) {
            Object payload = event.payload();
            Instant at = event.message().getTimestamp();
            if (payload instanceof ProjectRegisteredEvent registered) {
                if (project == null) {
                    project = new Project(registered);
                    facts.add(fact(project, Milestone.REGISTERED, 1, registered.registeredOn(), at));
                }
                continue;
            }
            long version = event.version();
            if (project == null || project.version >= version) {
                continue;
            }
            project.version = version;
            if (payload instanceof ProjectSignedEvent signed) {
                if (signed.contractedInvestmentYuan() != null) {
                    restateWithAmount(project, facts, signed.contractedInvestmentYuan().yuan(), version, at);
                }
                facts.add(fact(project, Milestone.SIGNED, version, signed.signedOn(), at));
            } else if (payload instanceof ConstructionStartedEvent started) {
                facts.add(fact(project, Milestone.CONSTRUCTION_STARTED, version, started.startedOn(), at));
            } else if (payload instanceof ConstructionCompletedEvent completed) {
                facts.add(fact(project, Milestone.CONSTRUCTION_COMPLETED, version, completed.completedOn(), at));
            } else if (payload instanceof ProductionStartedEvent production) {
                facts.add(fact(project, Milestone.PRODUCTION_STARTED, version, production.startedOn(), at));
            } else if (payload instanceof PlannedInvestmentRevisedEvent revised) {
                restateWithAmount(project, facts, revised.plannedInvestmentYuan().yuan(), version, at);
            } else if (payload instanceof MilestoneDateCorrectedEvent corrected) {
                for (Fact old : supersede(facts, corrected.milestone().name(), at)) {
                    facts.add(new Fact(old.milestone(), version, corrected.date(), old.region(), old.industry(),
                            old.source(), old.planned(), at));
                }
            } else if (payload instanceof ProjectDetailsCorrectedEvent corrected) {
                String region = after(corrected.regionCode());
                String industry = after(corrected.industry());
                String source = after(corrected.sourceRegion());
                if (region == null && industry == null && source == null) {
                    continue;
                }
                project.region = region == null ? project.region : region;
                project.industry = industry == null ? project.industry : industry;
                project.source = source == null ? project.source : source;
                for (Fact old : supersede(facts, null, at)) {
                    facts.add(new Fact(old.milestone(), version, old.date(), project.region, project.industry,
                            project.source, project.planned, at));
                }
            } else if (payload instanceof ProjectVoidedEvent) {
                supersede(facts, null, at);
            }
        }
        if (project != null) {
            rows.add(PROJECT, project.id, project.region, project.industry, project.source, project.planned,
                    project.version);
            for (Fact fact : facts) {
                rows.add(FACT, project.id, fact.milestone(), fact.knownFromVersion(), fact.date(), fact.region(),
                        fact.industry(), fact.source(), fact.planned(), fact.knownFrom(), fact.supersededAt()[0]);
            }
        }
    }

    /** A new amount: every current fact is superseded and stated again with it. */
    private static void restateWithAmount(Project project, List<Fact> facts, BigDecimal planned, long version,
                                          Instant at) {
        project.planned = planned;
        for (Fact old : supersede(facts, null, at)) {
            facts.add(new Fact(old.milestone(), version, old.date(), old.region(), old.industry(), old.source(),
                    planned, at));
        }
    }

    /** Supersedes the current facts (of {@code milestone}, or all when null) at {@code at}; returns them. */
    private static List<Fact> supersede(List<Fact> facts, String milestone, Instant at) {
        List<Fact> superseded = new ArrayList<>();
        for (Fact fact : facts) {
            if (fact.current() && (milestone == null || fact.milestone().equals(milestone))) {
                fact.supersededAt()[0] = at;
                superseded.add(fact);
            }
        }
        return superseded;
    }

    private static Fact fact(Project project, Milestone milestone, long version, LocalDate date, Instant at) {
        return new Fact(milestone.name(), version, date, project.region, project.industry, project.source,
                project.planned, at);
    }
}
