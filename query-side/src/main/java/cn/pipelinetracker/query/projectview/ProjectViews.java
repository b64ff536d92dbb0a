package cn.pipelinetracker.query.projectview;

import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.query.stats.SignedProjectTotals;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Reads {@code project_view}. */
@Repository
public class ProjectViews {

    /**
     * The list filters; null means "any". {@code regionCodes} is a region's whole subtree; {@code signedFrom} and
     * {@code signedTo} (inclusive, either may be open) keep the projects signed in that period and, unless a status is
     * asked for, leave out voided ones, as the statistics do.
     */
    public record Filter(Collection<String> regionCodes, Stage stage, ProjectStatus status, String industry, String text,
                         LocalDate signedFrom, LocalDate signedTo) {
    }

    /** The list's order: newest registration first (the default), or largest planned investment first. */
    public enum Order {
        REGISTERED_ON(" ORDER BY registered_on DESC, project_id"),
        PLANNED_INVESTMENT(" ORDER BY planned_investment_yuan DESC, project_id");

        private final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    public record Page(List<ProjectView> items, long total) {
    }

    private static final String COLUMNS = """
            project_id, project_code, name, investor, region_code, industry, source_region, planned_investment_yuan,
            stage, status, registered_on, signed_on, construction_started_on, construction_completed_on,
            production_started_on, funds_in_place_yuan, progress_as_of, version""";

    private static final RowMapper<ProjectView> ROW = (rs, row) -> new ProjectView(
            rs.getString("project_id"), rs.getString("project_code"), rs.getString("name"),
            rs.getString("investor"), rs.getString("region_code"), rs.getString("industry"),
            rs.getString("source_region"), Money.ofYuan(rs.getBigDecimal("planned_investment_yuan")).yuan(),
            Stage.valueOf(rs.getString("stage")), ProjectStatus.valueOf(rs.getString("status")),
            rs.getObject("registered_on", LocalDate.class),
            rs.getObject("signed_on", LocalDate.class),
            rs.getObject("construction_started_on", LocalDate.class),
            rs.getObject("construction_completed_on", LocalDate.class),
            rs.getObject("production_started_on", LocalDate.class),
            rs.getBigDecimal("funds_in_place_yuan") == null ? null
                    : Money.ofYuan(rs.getBigDecimal("funds_in_place_yuan")).yuan(),
            rs.getObject("progress_as_of", LocalDate.class), rs.getLong("version"));

    private final JdbcClient jdbc;
    private final SignedProjectTotals signedProjects;

    public ProjectViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.signedProjects = new SignedProjectTotals(jdbc);
    }

    public Optional<ProjectView> find(String projectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM project_view WHERE project_id = ?")
                .param(projectId).query(ROW).optional();
    }

    public Page list(Filter filter, Order order, int page, int size) {
        Where where = where(filter);
        List<Object> params = where.params();
        long total = total(filter, where);
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<ProjectView> items = jdbc.sql("SELECT " + COLUMNS + " FROM project_view" + where.sql()
                        + order.sql + " LIMIT ? OFFSET ?")
                .params(pageParams).query(ROW).list();
        return new Page(items, total);
    }

    /** The filter as a SQL {@code WHERE} clause over {@code project_view} (empty for none) and its parameters. */
    public record Where(String sql, List<Object> params) {
    }

    public Where where(Filter filter) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (filter.regionCodes() != null) {
            conditions.add("region_code = ANY (?)");
            params.add(filter.regionCodes().toArray(String[]::new));
        }
        if (filter.stage() != null) {
            conditions.add("stage = ?");
            params.add(filter.stage().name());
        }
        if (filter.status() != null) {
            conditions.add("status = ?");
            params.add(filter.status().name());
        }
        if (filter.industry() != null) {
            conditions.add("industry = ?");
            params.add(filter.industry());
        }
        if (filter.text() != null) {
            conditions.add("(name ILIKE ? OR investor ILIKE ? OR project_code ILIKE ?)");
            String pattern = "%" + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(pattern);
            params.add(pattern);
            params.add(pattern);
        }
        if ((filter.signedFrom() != null || filter.signedTo() != null) && filter.status() == null) {
            conditions.add("status <> 'VOIDED'"); // signed in a period, as the statistics count: never a voided one
        }
        if (filter.signedFrom() != null) {
            conditions.add("signed_on >= ?");
            params.add(filter.signedFrom());
        }
        if (filter.signedTo() != null) {
            conditions.add("signed_on <= ?");
            params.add(filter.signedTo());
        }
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
    }

    /** How many projects the filter selects: from the totals where their keys answer it, else counted. */
    private long total(Filter filter, Where where) {
        boolean bySigning = filter.signedFrom() != null || filter.signedTo() != null;
        if (filter.text() != null || bySigning && filter.regionCodes() == null) {
            return count(where);
        }
        return bySigning ? countSignedFromTotals(filter) : countFromTotals(where);
    }

    /**
     * The projects a filter by signing period selects (and no text), counted from the signed projects' totals by
     * region, signing day, status, stage and industry (Aggregates).
     */
    private long countSignedFromTotals(Filter filter) {
        Where byKey = where(new Filter(null, filter.stage(), filter.status(), filter.industry(), null, null, null));
        String voided = filter.status() == null ? "status <> 'VOIDED'" : "TRUE";
        String condition = byKey.sql().isEmpty() ? voided : voided + " AND " + byKey.sql().substring(" WHERE ".length());
        return signedProjects.sum(filter.regionCodes(),
                filter.signedFrom() == null ? SignedProjectTotals.EVER_SINCE : filter.signedFrom(),
                filter.signedTo() == null ? SignedProjectTotals.EVER_AFTER : filter.signedTo(),
                new SignedProjectTotals.Condition(condition, byKey.params())).projects();
    }

    /** The projects {@code where} selects, counted from the totals by region, industry, stage and status (Aggregates). */
    private long countFromTotals(Where where) {
        return jdbc.sql("SELECT COALESCE(sum(projects), 0) FROM (SELECT region_code, industry, stage, status, projects "
                        + "FROM project_total UNION ALL SELECT region_code, industry, stage, status, projects "
                        + "FROM project_total_delta) AS totals" + where.sql())
                .params(where.params()).query(Long.class).single();
    }

    public long count(Where where) {
        return jdbc.sql("SELECT count(*) FROM project_view" + where.sql()).params(where.params())
                .query(Long.class).single();
    }
}
