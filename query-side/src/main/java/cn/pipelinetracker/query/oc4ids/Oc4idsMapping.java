package cn.pipelinetracker.query.oc4ids;

import cn.pipelinetracker.platform.reference.Industry;
import cn.pipelinetracker.platform.reference.IndustryList;
import cn.pipelinetracker.platform.reference.Region;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.query.oc4ids.Oc4idsProject.Address;
import cn.pipelinetracker.query.oc4ids.Oc4idsProject.Budget;
import cn.pipelinetracker.query.oc4ids.Oc4idsProject.Classification;
import cn.pipelinetracker.query.oc4ids.Oc4idsProject.Completion;
import cn.pipelinetracker.query.oc4ids.Oc4idsProject.Identifier;
import cn.pipelinetracker.query.oc4ids.Oc4idsProject.Location;
import cn.pipelinetracker.query.oc4ids.Oc4idsProject.Metric;
import cn.pipelinetracker.query.oc4ids.Oc4idsProject.Milestone;
import cn.pipelinetracker.query.oc4ids.Oc4idsProject.Observation;
import cn.pipelinetracker.query.oc4ids.Oc4idsProject.Organization;
import cn.pipelinetracker.query.oc4ids.Oc4idsProject.OrganizationReference;
import cn.pipelinetracker.query.oc4ids.Oc4idsProject.Period;
import cn.pipelinetracker.query.oc4ids.Oc4idsProject.Unit;
import cn.pipelinetracker.query.oc4ids.Oc4idsProject.Value;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Our project, told in OC4IDS 0.9.4. Every choice of code (status, sector, milestone type and code, party role,
 * metric) is explained in docs/decisions/0015-oc4ids.md; every code used is one of the standard's codelists.
 */
class Oc4idsMapping {

    /** The national investment project code (投资项目统一代码) as an identifier scheme. */
    static final String PROJECT_CODE_SCHEME = "CN-TZXMDM";
    static final String INDUSTRY_SCHEME = "PIPELINE-TRACKER-INDUSTRY";

    /** {@code projectStatus} for a project that is neither cancelled nor voided, by its stage. */
    static final Map<String, String> STATUS_BY_STAGE = Map.of(
            "REGISTERED", "identification",
            "SIGNED", "preparation",
            "UNDER_CONSTRUCTION", "implementation",
            "CONSTRUCTED", "completion",
            "IN_PRODUCTION", "maintenance");

    /** {@code projectSector} for our industries; every industry not named here is manufacturing: {@code economy}. */
    static final Map<String, String> SECTOR_BY_INDUSTRY = Map.of(
            "NEW_ENERGY", "energy",
            "DIGITAL_ECONOMY", "communications",
            "MODERN_LOGISTICS", "transport");
    static final String DEFAULT_SECTOR = "economy";

    private record MilestoneKind(String id, String title, String type, String code,
                                 Function<Oc4idsProjects.Row, LocalDate> date) {
    }

    private static final List<MilestoneKind> MILESTONES = List.of(
            new MilestoneKind("REGISTERED", "入库 / Registered", "preProcurement", null,
                    Oc4idsProjects.Row::registeredOn),
            new MilestoneKind("SIGNED", "签约 / Investment agreement signed", "approval", null,
                    Oc4idsProjects.Row::signedOn),
            new MilestoneKind("CONSTRUCTION_STARTED", "开工 / Construction started", "delivery", "commencement",
                    Oc4idsProjects.Row::constructionStartedOn),
            new MilestoneKind("CONSTRUCTION_COMPLETED", "竣工 / Construction completed", "delivery", "completion",
                    Oc4idsProjects.Row::constructionCompletedOn),
            new MilestoneKind("PRODUCTION_STARTED", "投产 / Production started", "delivery", "commissioning",
                    Oc4idsProjects.Row::productionStartedOn));

    /** Reads amounts in the stored JSON exactly: a double would round a large amount. */
    private static final JsonMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final String idPrefix;
    private final ZoneId zone;
    private final RegionTree regions;
    private final IndustryList industries;

    Oc4idsMapping(String idPrefix, ZoneId zone, RegionTree regions, IndustryList industries) {
        this.idPrefix = idPrefix;
        this.zone = zone;
        this.regions = regions;
        this.industries = industries;
    }

    Oc4idsProject project(Oc4idsProjects.Row row) {
        Region region = regions.find(row.regionCode()).orElseThrow();
        Address address = new Address(region.nameZh(), "中国");
        Organization authority = new Organization("authority-" + region.code(), region.nameZh() + "招商主管部门",
                List.of("publicAuthority"), address);
        Organization investor = new Organization("investor", row.investor(), List.of("funder"), null);
        String industryName = industries.find(row.industry()).map(Industry::nameZh).orElse(row.industry());
        return new Oc4idsProject(
                idPrefix + row.projectId(),
                row.updated() == null ? null : row.updated().toString(),
                "zh",
                row.projectCode() == null ? null : List.of(new Identifier(row.projectCode(), PROJECT_CODE_SCHEME)),
                row.name(),
                "SUSPENDED".equals(row.status()) ? description("暂停 / Suspended", row.suspensionReason()) : null,
                status(row.stage(), row.status()),
                List.of(SECTOR_BY_INDUSTRY.getOrDefault(row.industry(), DEFAULT_SECTOR)),
                List.of(new Classification(INDUSTRY_SCHEME, row.industry(), industryName)),
                List.of(new Location(region.code(), region.nameZh() + " / " + region.nameEn(), address)),
                new Budget(Value.yuan(row.plannedInvestmentYuan())),
                List.of(investor, authority),
                new OrganizationReference(authority.id(), authority.name()),
                milestones(row),
                metrics(row),
                completion(row));
    }

    static String status(String stage, String status) {
        return "CANCELLED".equals(status) ? "cancelled" : STATUS_BY_STAGE.get(stage);
    }

    private List<Milestone> milestones(Oc4idsProjects.Row row) {
        JsonNode correctedAt = row.milestonesCorrectedAt() == null ? null : EXACT.readTree(row.milestonesCorrectedAt());
        List<Milestone> milestones = new ArrayList<>();
        for (MilestoneKind kind : MILESTONES) {
            LocalDate date = kind.date().apply(row);
            if (date != null) {
                JsonNode corrected = correctedAt == null ? null : correctedAt.get(kind.id());
                milestones.add(new Milestone(kind.id(), kind.title(), kind.type(), kind.code(), "met", dateTime(date),
                        corrected == null ? null : instant(corrected.asString())));
            }
        }
        return milestones;
    }

    /** One observation per progress report, each measure in the metric it belongs to; null when none was reported. */
    private List<Metric> metrics(Oc4idsProjects.Row row) {
        if (row.progressReports() == null) {
            return null;
        }
        List<Observation> physical = new ArrayList<>();
        List<Observation> financial = new ArrayList<>();
        for (JsonNode report : EXACT.readTree(row.progressReports())) {
            String id = "v" + report.get("version").asLong();
            Period period = new Period(dateTime(LocalDate.parse(report.get("asOf").asString())));
            BigDecimal percent = decimal(report, "constructionProgressPercent");
            if (percent != null) {
                physical.add(new Observation(id, period, null, percent, new Unit("percent")));
            }
            BigDecimal completed = decimal(report, "completedInvestmentYuan");
            if (completed != null) {
                financial.add(new Observation(id, period, Value.yuan(completed), null, null));
            }
        }
        List<Metric> metrics = new ArrayList<>();
        if (!physical.isEmpty()) {
            metrics.add(new Metric("physicalProgress", "形象进度 / Construction progress", physical));
        }
        if (!financial.isEmpty()) {
            metrics.add(new Metric("financialProgress", "累计完成投资 / Investment completed", financial));
        }
        return metrics.isEmpty() ? null : metrics;
    }

    private Completion completion(Oc4idsProjects.Row row) {
        if ("CANCELLED".equals(row.status())) {
            return new Completion(row.cancelledAt() == null ? null : row.cancelledAt().toString(),
                    description("取消 / Cancelled", row.cancellationReason()));
        }
        if (row.constructionCompletedOn() == null) {
            return null;
        }
        return new Completion(dateTime(row.constructionCompletedOn()), null);
    }

    private static String description(String what, String reason) {
        return reason == null || reason.isBlank() ? what : what + ": " + reason;
    }

    /** A business date as the start of that day in the calendar of {@code pipeline.zone}: {@code 2024-02-06T00:00:00+08:00}. */
    private String dateTime(LocalDate date) {
        return date.atStartOfDay(zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String instant(String timestamp) {
        return OffsetDateTime.parse(timestamp).toInstant().toString();
    }

    private static BigDecimal decimal(JsonNode report, String field) {
        JsonNode value = report.get(field);
        return value == null || value.isNull() ? null : value.decimalValue();
    }
}
