package cn.pipelinetracker.query.stats;

import cn.pipelinetracker.events.Money;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The signed projects counted from their totals by signing day and month (Aggregates, migration V12): projects, planned
 * investment and funds in place per region, signing day, status, stage, industry and source region, plus the deltas
 * not yet moved into them. A helper each reader builds over its own {@code JdbcClient}, like the statistics' totals.
 */
public class SignedProjectTotals {

    /** The earliest and latest days a period open at one end stands for. */
    public static final LocalDate EVER_SINCE = LocalDate.of(1, 1, 1);
    public static final LocalDate EVER_AFTER = LocalDate.of(9999, 12, 31);

    public record Sum(long projects, BigDecimal plannedInvestmentYuan, BigDecimal fundsInPlaceYuan) {
    }

    /**
     * What the signed projects need to satisfy besides region and signing day: an SQL condition over {@code status},
     * {@code stage}, {@code industry} and {@code source_region} with its parameters.
     */
    public record Condition(String sql, List<Object> params) {
    }

    private final JdbcClient jdbc;

    public SignedProjectTotals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The projects of {@code regionCodes} signed from {@code signedFrom} to {@code signedTo} that meet {@code condition}. */
    public Sum sum(Collection<String> regionCodes, LocalDate signedFrom, LocalDate signedTo, Condition condition) {
        if (signedFrom.isAfter(signedTo)) {
            return new Sum(0, Money.ofYuan(BigDecimal.ZERO).yuan(), Money.ofYuan(BigDecimal.ZERO).yuan());
        }
        String[] regions = regionCodes.toArray(String[]::new);
        List<Object> params = new ArrayList<>();
        PeriodTotals.Rows rows = (table, dateColumn, from, to) -> {
            params.addAll(List.of(regions, from, to));
            params.addAll(condition.params());
            return "SELECT projects, planned_investment_yuan, funds_in_place_yuan FROM " + table
                    + " WHERE region_code = ANY (?) AND " + dateColumn + " BETWEEN ? AND ? AND " + condition.sql();
        };
        List<String> parts = new ArrayList<>(PeriodTotals.parts(signedFrom, signedTo, "signed_project_month_total",
                "signed_project_day_total", "signed_on", rows));
        parts.add(rows.select("project_total_delta", "signed_on", signedFrom, signedTo));
        return jdbc.sql("SELECT COALESCE(sum(projects), 0), COALESCE(sum(planned_investment_yuan), 0), "
                        + "COALESCE(sum(funds_in_place_yuan), 0) FROM (" + String.join(" UNION ALL ", parts)
                        + ") AS totals")
                .params(params)
                .query((rs, row) -> new Sum(rs.getLong(1), Money.ofYuan(rs.getBigDecimal(2)).yuan(),
                        Money.ofYuan(rs.getBigDecimal(3)).yuan()))
                .single();
    }
}
