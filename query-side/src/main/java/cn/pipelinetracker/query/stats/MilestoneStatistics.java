package cn.pipelinetracker.query.stats;

import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Counts and sums milestone facts: now, or as known at an instant. */
@Repository
public class MilestoneStatistics {

    /**
     * What to count; {@code industry}, {@code sourceRegion}, {@code asOf} and {@code signedIn} may be null.
     * {@code signedIn} narrows the count to a cohort: the projects signed in that period (the dashboard's funnel).
     */
    public record Question(Milestone milestone, Collection<String> regionCodes, LocalDate from, LocalDate to,
                           String industry, String sourceRegion, Instant asOf, Period signedIn) {
    }

    /** Business dates from {@code from} to {@code to}, both inclusive. */
    public record Period(LocalDate from, LocalDate to) {
    }

    public record Answer(long projects, BigDecimal plannedInvestmentYuan) {
    }

    private final JdbcClient jdbc;

    public MilestoneStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Answer count(Question question) {
        List<Object> params = new ArrayList<>();
        String sql = question.asOf() == null && question.signedIn() == null
                ? "SELECT COALESCE(sum(projects), 0), COALESCE(sum(planned_investment_yuan), 0) FROM ("
                        + fromTotals(question, params) + ") AS totals"
                : "SELECT count(*), COALESCE(sum(planned_investment_yuan), 0) FROM milestone_fact WHERE "
                        + selection(question, params);
        return jdbc.sql(sql)
                .params(params)
                .query((rs, row) -> new Answer(rs.getLong(1), Money.ofYuan(rs.getBigDecimal(2)).yuan()))
                .single();
    }

    /**
     * The current answer from the totals (Aggregates) instead of the facts: the whole months of the period from
     * {@code milestone_month_total}, the days before and after them from {@code milestone_day_total}, and the
     * deltas not yet moved into either.
     */
    private static String fromTotals(Question question, List<Object> params) {
        LocalDate from = question.from();
        LocalDate to = question.to();
        LocalDate firstWholeMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate afterWholeMonths = to.plusDays(1).withDayOfMonth(1);
        List<String> parts = new ArrayList<>();
        if (firstWholeMonth.isBefore(afterWholeMonths)) {
            parts.add(totals("milestone_month_total", "month", firstWholeMonth, afterWholeMonths.minusMonths(1),
                    question, params));
            if (from.isBefore(firstWholeMonth)) {
                parts.add(totals("milestone_day_total", "milestone_date", from, firstWholeMonth.minusDays(1),
                        question, params));
            }
            if (!to.isBefore(afterWholeMonths)) {
                parts.add(totals("milestone_day_total", "milestone_date", afterWholeMonths, to, question, params));
            }
        } else {
            parts.add(totals("milestone_day_total", "milestone_date", from, to, question, params));
        }
        parts.add(totals("milestone_total_delta", "milestone_date", from, to, question, params));
        return String.join(" UNION ALL ", parts);
    }

    private static String totals(String table, String dateColumn, LocalDate from, LocalDate to, Question question,
                                 List<Object> params) {
        StringBuilder sql = new StringBuilder("SELECT projects, planned_investment_yuan FROM ").append(table)
                .append(" WHERE milestone = ? AND region_code = ANY (?) AND ").append(dateColumn)
                .append(" BETWEEN ? AND ?");
        params.addAll(List.of(question.milestone().name(), question.regionCodes().toArray(String[]::new), from, to));
        filters(question, sql, params);
        return sql.toString();
    }

    /**
     * The funds in place (资金到位) reported so far for the projects {@link #count} counts, now: funds are a current
     * fact of the project view, so a question {@code asOf} an instant has no answer here.
     */
    public BigDecimal fundsInPlace(Question question) {
        if (question.asOf() != null) {
            throw new IllegalArgumentException("funds in place are known as of now only");
        }
        List<Object> params = new ArrayList<>();
        String where = selection(question, params);
        return jdbc.sql("SELECT COALESCE(sum(v.funds_in_place_yuan), 0) FROM project_view v"
                        + " WHERE v.project_id IN (SELECT project_id FROM milestone_fact WHERE " + where + ")")
                .params(params)
                .query((rs, row) -> Money.ofYuan(rs.getBigDecimal(1)).yuan())
                .single();
    }

    /** The milestone facts a question counts, as a condition on {@code milestone_fact}; fills {@code params}. */
    private static String selection(Question question, List<Object> params) {
        StringBuilder sql = new StringBuilder("milestone = ? AND region_code = ANY (?) AND milestone_date BETWEEN ? AND ?");
        params.addAll(List.of(question.milestone().name(),
                question.regionCodes().toArray(String[]::new), question.from(), question.to()));
        filters(question, sql, params);
        known(sql, params, "", question.asOf());
        if (question.signedIn() != null) {
            sql.append(" AND project_id IN (SELECT s.project_id FROM milestone_fact s WHERE s.milestone = 'SIGNED'"
                    + " AND s.region_code = ANY (?) AND s.milestone_date BETWEEN ? AND ?");
            params.addAll(List.of(question.regionCodes().toArray(String[]::new), question.signedIn().from(),
                    question.signedIn().to()));
            known(sql, params, "s.", question.asOf());
            sql.append(")");
        }
        return sql.toString();
    }

    private static void filters(Question question, StringBuilder sql, List<Object> params) {
        if (question.industry() != null) {
            sql.append(" AND industry = ?");
            params.add(question.industry());
        }
        if (question.sourceRegion() != null) {
            sql.append(" AND source_region = ?");
            params.add(question.sourceRegion());
        }
    }

    /** The facts current now, or known at {@code asOf}. */
    private static void known(StringBuilder sql, List<Object> params, String alias, Instant asOf) {
        if (asOf == null) {
            sql.append(" AND ").append(alias).append("superseded_at IS NULL");
        } else {
            Timestamp at = Timestamp.from(asOf);
            sql.append(" AND ").append(knownAt(alias, "?"));
            params.add(at);
            params.add(at);
        }
    }

    /**
     * The condition that a {@code milestone_fact} row ({@code alias} with its dot, or empty) was known at the instant
     * {@code at} (an SQL expression, used twice): recorded by then, and not yet superseded then.
     */
    public static String knownAt(String alias, String at) {
        return alias + "known_from <= " + at + " AND (" + alias + "superseded_at IS NULL OR " + alias
                + "superseded_at > " + at + ")";
    }
}
