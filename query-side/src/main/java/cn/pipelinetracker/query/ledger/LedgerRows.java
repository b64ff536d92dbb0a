package cn.pipelinetracker.query.ledger;

import cn.pipelinetracker.platform.ledger.LedgerAmounts;
import cn.pipelinetracker.platform.ledger.LedgerColumn;
import cn.pipelinetracker.platform.reference.Industry;
import cn.pipelinetracker.platform.reference.IndustryList;
import cn.pipelinetracker.platform.reference.Region;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.query.projectview.ProjectViews;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * The ledger's rows from {@code project_view}, read through a cursor: one project is in memory at a time, however many
 * the export selects. Each value is what the ledger's column holds: text, a {@link LocalDate}, an amount in 万元 or a
 * whole number; null for an empty cell.
 */
@Repository
class LedgerRows {

    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final RegionTree regions;
    private final IndustryList industries;

    LedgerRows(DataSource dataSource, PlatformTransactionManager transactions, RegionTree regions,
               IndustryList industries) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.regions = regions;
        this.industries = industries;
    }

    /** One exported row: the value of each column, in {@link LedgerColumn} order. */
    record Row(Object[] values) {

        Object get(LedgerColumn column) {
            return values[column.ordinal()];
        }
    }

    /** Hands each selected project to {@code consumer} in the order of registration, then id. */
    void forEach(ProjectViews.Where where, Consumer<Row> consumer) {
        RowCallbackHandler rows = rs -> consumer.accept(row(rs));
        // PostgreSQL's driver streams a result only inside a transaction (else it reads the whole result first)
        readOnly.executeWithoutResult(status -> jdbc.query("""
                SELECT project_id, project_code, name, investor, region_code, industry, source_region,
                       planned_investment_yuan, registered_on, signed_on, construction_started_on,
                       construction_completed_on, production_started_on, production_scope, completed_investment_yuan,
                       funds_in_place_yuan,
                       construction_progress_percent, progress_as_of, stage, status, version
                FROM project_view""" + where.sql() + " ORDER BY registered_on, project_id",
                rows, where.params().toArray()));
    }

    private Row row(ResultSet rs) throws SQLException {
        Object[] values = new Object[LedgerColumn.values().length];
        String regionCode = rs.getString("region_code");
        String industry = rs.getString("industry");
        values[LedgerColumn.PROJECT_ID.ordinal()] = rs.getString("project_id");
        values[LedgerColumn.PROJECT_CODE.ordinal()] = rs.getString("project_code");
        values[LedgerColumn.NAME.ordinal()] = rs.getString("name");
        values[LedgerColumn.INVESTOR.ordinal()] = rs.getString("investor");
        values[LedgerColumn.REGION_CODE.ordinal()] = regionCode;
        values[LedgerColumn.REGION_NAME.ordinal()] = regions.find(regionCode).map(Region::nameZh).orElse(null);
        values[LedgerColumn.INDUSTRY.ordinal()] = industry;
        values[LedgerColumn.INDUSTRY_NAME.ordinal()] = industries.find(industry).map(Industry::nameZh).orElse(null);
        values[LedgerColumn.PLANNED_INVESTMENT_WAN.ordinal()] = wan(rs.getBigDecimal("planned_investment_yuan"));
        values[LedgerColumn.SOURCE_REGION.ordinal()] = rs.getString("source_region");
        values[LedgerColumn.REGISTERED_ON.ordinal()] = rs.getObject("registered_on", LocalDate.class);
        values[LedgerColumn.SIGNED_ON.ordinal()] = rs.getObject("signed_on", LocalDate.class);
        values[LedgerColumn.CONSTRUCTION_STARTED_ON.ordinal()] = rs.getObject("construction_started_on", LocalDate.class);
        values[LedgerColumn.CONSTRUCTION_COMPLETED_ON.ordinal()] =
                rs.getObject("construction_completed_on", LocalDate.class);
        values[LedgerColumn.PRODUCTION_STARTED_ON.ordinal()] = rs.getObject("production_started_on", LocalDate.class);
        values[LedgerColumn.PRODUCTION_SCOPE.ordinal()] = scope(rs.getString("production_scope"));
        values[LedgerColumn.COMPLETED_INVESTMENT_WAN.ordinal()] = wan(rs.getBigDecimal("completed_investment_yuan"));
        values[LedgerColumn.FUNDS_IN_PLACE_WAN.ordinal()] = wan(rs.getBigDecimal("funds_in_place_yuan"));
        BigDecimal percent = rs.getBigDecimal("construction_progress_percent");
        values[LedgerColumn.CONSTRUCTION_PROGRESS_PERCENT.ordinal()] =
                percent == null ? null : LedgerAmounts.plain(percent);
        values[LedgerColumn.PROGRESS_AS_OF.ordinal()] = rs.getObject("progress_as_of", LocalDate.class);
        values[LedgerColumn.STAGE.ordinal()] = rs.getString("stage");
        values[LedgerColumn.STATUS.ordinal()] = rs.getString("status");
        values[LedgerColumn.VERSION.ordinal()] = rs.getLong("version");
        return new Row(values);
    }

    private static BigDecimal wan(BigDecimal yuan) {
        return yuan == null ? null : LedgerAmounts.wanOf(yuan);
    }

    private static String scope(String scope) {
        if (scope == null) {
            return null;
        }
        return "PARTIAL".equals(scope) ? "部分" : "全部";
    }
}
