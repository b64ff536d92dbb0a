package cn.pipelinetracker.query.oc4ids;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads what the OC4IDS export needs: {@code project_view} for the facts, {@code project_history} for what the view
 * does not keep (when the project last changed, the progress reports one by one, when each milestone was corrected,
 * why it was suspended or cancelled). Voided projects are never exported (docs/decisions/0015-oc4ids.md).
 */
@Repository
class Oc4idsProjects {

    /** The projects of a region subtree, optionally only those with an event recorded after {@code updatedAfter}. */
    record Selection(Collection<String> regionCodes, Instant updatedAfter) {
    }

    /** A project's row: the view's columns and the aggregates of its history (JSON as text). */
    record Row(String projectId, String projectCode, String name, String investor, String regionCode,
               String industry, BigDecimal plannedInvestmentYuan, String stage, String status,
               LocalDate registeredOn, LocalDate signedOn, LocalDate constructionStartedOn,
               LocalDate constructionCompletedOn, LocalDate productionStartedOn, Instant updated,
               String progressReports, String milestonesCorrectedAt, String suspensionReason,
               Instant cancelledAt, String cancellationReason) {
    }

    private static final String HISTORY = """
            CROSS JOIN LATERAL (
                SELECT max(h.recorded_at) AS updated,
                       jsonb_agg(h.data || jsonb_build_object('version', h.version) ORDER BY h.version)
                           FILTER (WHERE h.type = 'ProgressReportedEvent') AS progress_reports,
                       jsonb_object_agg(h.data ->> 'milestone', h.recorded_at ORDER BY h.version)
                           FILTER (WHERE h.type = 'MilestoneDateCorrectedEvent') AS corrected_at,
                       (array_agg(h.data ->> 'reason' ORDER BY h.version DESC)
                           FILTER (WHERE h.type = 'ProjectSuspendedEvent'))[1] AS suspension_reason,
                       max(h.recorded_at) FILTER (WHERE h.type = 'ProjectCancelledEvent') AS cancelled_at,
                       max(h.data ->> 'reason') FILTER (WHERE h.type = 'ProjectCancelledEvent') AS cancellation_reason
                FROM project_history h WHERE h.project_id = v.project_id) h
            """;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    Oc4idsProjects(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(500);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** When the newest of the selected projects last changed; empty when none is selected. */
    Optional<Instant> lastUpdated(Selection selection) {
        Where where = where(selection);
        Timestamp last = jdbc.queryForObject("SELECT max(h.updated) FROM project_view v " + HISTORY + where.sql,
                Timestamp.class, where.params.toArray());
        return Optional.ofNullable(last).map(Timestamp::toInstant);
    }

    /** Hands each selected project to {@code consumer} as it is read (a cursor: memory does not grow with them). */
    void forEach(Selection selection, Consumer<Row> consumer) {
        Where where = where(selection);
        RowCallbackHandler rows = rs -> consumer.accept(row(rs));
        readOnly.executeWithoutResult(status -> jdbc.query("""
                SELECT v.project_id, v.project_code, v.name, v.investor, v.region_code, v.industry,
                       v.planned_investment_yuan, v.stage, v.status, v.registered_on, v.signed_on,
                       v.construction_started_on, v.construction_completed_on, v.production_started_on,
                       h.updated, h.progress_reports::text, h.corrected_at::text, h.suspension_reason,
                       h.cancelled_at, h.cancellation_reason
                FROM project_view v
                """ + HISTORY + where.sql + " ORDER BY v.project_id", rows, where.params.toArray()));
    }

    private record Where(String sql, List<Object> params) {
    }

    private static Where where(Selection selection) {
        List<Object> params = new ArrayList<>();
        params.add(selection.regionCodes().toArray(String[]::new));
        String sql = " WHERE v.region_code = ANY (?) AND v.status <> 'VOIDED'";
        if (selection.updatedAfter() != null) {
            sql += " AND h.updated > ?";
            params.add(Timestamp.from(selection.updatedAfter()));
        }
        return new Where(sql, params);
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getBigDecimal(7), rs.getString(8), rs.getString(9),
                rs.getObject(10, LocalDate.class), rs.getObject(11, LocalDate.class),
                rs.getObject(12, LocalDate.class), rs.getObject(13, LocalDate.class),
                rs.getObject(14, LocalDate.class), instant(rs.getTimestamp(15)), rs.getString(16),
                rs.getString(17), rs.getString(18), instant(rs.getTimestamp(19)), rs.getString(20));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
