package cn.pipelinetracker.query.projectview;

import cn.pipelinetracker.events.ConstructionCompletedEvent;
import cn.pipelinetracker.events.ConstructionStartedEvent;
import cn.pipelinetracker.events.EventJson;
import cn.pipelinetracker.events.MilestoneDateCorrectedEvent;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.PlannedInvestmentRevisedEvent;
import cn.pipelinetracker.events.ProductionStartedEvent;
import cn.pipelinetracker.events.ProgressReportedEvent;
import cn.pipelinetracker.events.ProjectCancelledEvent;
import cn.pipelinetracker.events.ProjectDetailsCorrectedEvent;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectResumedEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.ProjectSuspendedEvent;
import cn.pipelinetracker.events.ProjectVoidedEvent;
import cn.pipelinetracker.query.rebuild.ProjectFold;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.pipelinetracker.events.ProjectDetailsCorrectedEvent.after;

/** {@link ProjectViewProjection} folded over a project's history: its one {@code project_view} row. */
@Component
public class ProjectViewFold implements ProjectFold {

    private static final JsonMapper JSON = EventJson.mapper();
    private static final String TABLE = "project_view";

    private static final List<String> COLUMNS = List.of("project_id", "project_code", "name", "investor",
            "region_code", "industry", "source_region", "planned_investment_yuan", "status", "registered_on", "signed_on",
            "construction_started_on", "construction_completed_on", "production_started_on", "production_scope",
            "land_area_mu", "expected_jobs", "tags", "completed_investment_yuan", "construction_progress_percent",
            "progress_as_of", "funds_in_place_yuan", "suspended_on", "version");

    private final ZoneId zone;

    public ProjectViewFold(Clock clock) {
        this.zone = clock.getZone();
    }

    @Override
    public String group() {
        return ProjectViewProjection.PROCESSING_GROUP;
    }

    @Override
    public Map<String, List<String>> columns() {
        return Map.of(TABLE, COLUMNS);
    }

    @Override
    public void fold(List<LoggedEvent> events, Rows rows) {
        Map<String, Object> row = null;
        for (LoggedEvent event : events) {
            if (event.payload() instanceof ProjectRegisteredEvent registered) {
                if (row == null) {
                    row = registered(registered);
                }
                continue;
            }
            if (row == null || (long) row.get("version") >= event.version()) {
                continue;
            }
            row.put("version", event.version());
            apply(event, row);
        }
        if (row != null) {
            rows.add(TABLE, row.values().toArray());
        }
    }

    private Map<String, Object> registered(ProjectRegisteredEvent event) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String column : COLUMNS) {
            row.put(column, null);
        }
        row.put("project_id", event.projectId());
        row.put("project_code", event.projectCode());
        row.put("name", event.name());
        row.put("investor", event.investor());
        row.put("region_code", event.regionCode().value());
        row.put("industry", event.industry().value());
        row.put("source_region", event.sourceRegion());
        row.put("planned_investment_yuan", event.plannedInvestmentYuan().yuan());
        row.put("status", "ACTIVE");
        row.put("registered_on", event.registeredOn());
        row.put("land_area_mu", event.landAreaMu());
        row.put("expected_jobs", event.expectedJobs());
        row.put("tags", JSON.writeValueAsString(event.tags()));
        row.put("version", 1L);
        return row;
    }

    private void apply(LoggedEvent event, Map<String, Object> row) {
        Object payload = event.payload();
        if (payload instanceof ProjectSignedEvent signed) {
            row.put("signed_on", signed.signedOn());
            keep(row, "planned_investment_yuan", yuan(signed.contractedInvestmentYuan()));
        } else if (payload instanceof ConstructionStartedEvent started) {
            row.put("construction_started_on", started.startedOn());
        } else if (payload instanceof ConstructionCompletedEvent completed) {
            row.put("construction_completed_on", completed.completedOn());
        } else if (payload instanceof ProductionStartedEvent production) {
            row.put("production_started_on", production.startedOn());
            row.put("production_scope", production.scope().name());
        } else if (payload instanceof PlannedInvestmentRevisedEvent revised) {
            row.put("planned_investment_yuan", revised.plannedInvestmentYuan().yuan());
        } else if (payload instanceof ProgressReportedEvent progress) {
            row.put("progress_as_of", progress.asOf());
            keep(row, "completed_investment_yuan", yuan(progress.completedInvestmentYuan()));
            keep(row, "construction_progress_percent", progress.constructionProgressPercent());
            keep(row, "funds_in_place_yuan", yuan(progress.fundsInPlaceYuan()));
        } else if (payload instanceof ProjectSuspendedEvent) {
            row.put("status", "SUSPENDED");
            row.put("suspended_on", LocalDate.ofInstant(event.message().getTimestamp(), zone));
        } else if (payload instanceof ProjectResumedEvent) {
            row.put("status", "ACTIVE");
            row.put("suspended_on", null);
        } else if (payload instanceof ProjectCancelledEvent) {
            row.put("status", "CANCELLED");
        } else if (payload instanceof ProjectVoidedEvent) {
            row.put("status", "VOIDED");
        } else if (payload instanceof MilestoneDateCorrectedEvent corrected) {
            row.put(ProjectViewProjection.column(corrected.milestone()), corrected.date());
        } else if (payload instanceof ProjectDetailsCorrectedEvent corrected) {
            keep(row, "name", after(corrected.name()));
            keep(row, "investor", after(corrected.investor()));
            keep(row, "industry", after(corrected.industry()));
            keep(row, "region_code", after(corrected.regionCode()));
            keep(row, "project_code", after(corrected.projectCode()));
            keep(row, "source_region", after(corrected.sourceRegion()));
        }
    }

    /** {@code column = COALESCE(value, column)}. */
    private static void keep(Map<String, Object> row, String column, Object value) {
        if (value != null) {
            row.put(column, value);
        }
    }

    private static BigDecimal yuan(Money money) {
        return money == null ? null : money.yuan();
    }
}
