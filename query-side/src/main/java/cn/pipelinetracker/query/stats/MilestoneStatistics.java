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
import java.util.Map;

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

    /** The stages a project has reached a milestone in, for the milestones its stage alone tells. */
    private static final Map<Milestone, String> REACHED_IN_STAGES = Map.of(
            Milestone.SIGNED, "stage <> 'REGISTERED'",
            Milestone.CONSTRUCTION_STARTED, "stage IN ('UNDER_CONSTRUCTION', 'CONSTRUCTED', 'IN_PRODUCTION')",
            Milestone.PRODUCTION_STARTED, "stage = 'IN_PRODUCTION'");

    private final JdbcClient jdbc;
    private final SignedProjectTotals signedProjects;

    public MilestoneStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.signedProjects = new SignedProjectTotals(jdbc);
    }

    public Answer count(Question question) {
        if (answeredByCohortTotals(question)) {
            return cohortFromTotals(question);
        }
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
        List<String> parts = new ArrayList<>(PeriodTotals.parts(question.from(), question.to(), "milestone_month_total",
                "milestone_day_total", "milestone_date",
                (table, dateColumn, from, to) -> totals(table, dateColumn, from, to, question, params)));
        parts.add(totals("milestone_total_delta", "milestone_date", question.from(), question.to(), question, params));
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
        if (question.milestone() == Milestone.SIGNED) {
            return signedIn(question, signedPeriod(question)).fundsInPlaceYuan();
        }
        List<Object> params = new ArrayList<>();
        String where = selection(question, params);
        return jdbc.sql("SELECT COALESCE(sum(v.funds_in_place_yuan), 0) FROM project_view v"
                        + " WHERE v.project_id IN (SELECT project_id FROM milestone_fact WHERE " + where + ")")
                .params(params)
                .query((rs, row) -> Money.ofYuan(rs.getBigDecimal(1)).yuan())
                .single();
    }

    /**
     * Whether the signed projects' totals (SignedProjectTotals) answer a current cohort question: a milestone the
     * project's stage tells, reached in a period that starts no later than the cohort's. A project reaches those
     * milestones on or after its signing (ProjectRule, also after corrections), so the period's start cuts none of the
     * cohort off and only its end needs the facts: those reached after it.
     */
    private static boolean answeredByCohortTotals(Question question) {
        return question.asOf() == null && question.signedIn() != null
                && REACHED_IN_STAGES.containsKey(question.milestone())
                && (question.milestone() == Milestone.SIGNED || !question.from().isAfter(question.signedIn().from()));
    }

    /**
     * A cohort question from the signed projects' totals: for the signing itself the projects signed in both periods;
     * for a later milestone the cohort's projects that reached it, less those (counted from the facts) that reached it
     * only after the question's period.
     */
    private Answer cohortFromTotals(Question question) {
        if (question.milestone() == Milestone.SIGNED) {
            SignedProjectTotals.Sum sum = signedIn(question, signedPeriod(question));
            return new Answer(sum.projects(), sum.plannedInvestmentYuan());
        }
        SignedProjectTotals.Sum cohort = signedIn(question, question.signedIn());
        Question later = new Question(question.milestone(), question.regionCodes(), question.to().plusDays(1),
                SignedProjectTotals.EVER_AFTER, question.industry(), question.sourceRegion(), null, question.signedIn());
        List<Object> params = new ArrayList<>();
        Answer reachedLater = jdbc.sql("SELECT count(*), COALESCE(sum(planned_investment_yuan), 0) FROM milestone_fact "
                        + "WHERE " + selection(later, params))
                .params(params)
                .query((rs, row) -> new Answer(rs.getLong(1), rs.getBigDecimal(2)))
                .single();
        return new Answer(cohort.projects() - reachedLater.projects(),
                Money.ofYuan(cohort.plannedInvestmentYuan().subtract(reachedLater.plannedInvestmentYuan())).yuan());
    }

    /** The signing days a question about the signing itself counts: its period, within its cohort's if it has one. */
    private static Period signedPeriod(Question question) {
        if (question.signedIn() == null) {
            return new Period(question.from(), question.to());
        }
        LocalDate from = question.from().isAfter(question.signedIn().from()) ? question.from() : question.signedIn().from();
        LocalDate to = question.to().isBefore(question.signedIn().to()) ? question.to() : question.signedIn().to();
        return new Period(from, to);
    }

    /** The projects of the question's regions, industry and source region signed in {@code period} that reached its milestone. */
    private SignedProjectTotals.Sum signedIn(Question question, Period period) {
        StringBuilder condition = new StringBuilder("status <> 'VOIDED' AND ")
                .append(REACHED_IN_STAGES.get(question.milestone()));
        List<Object> params = new ArrayList<>();
        filters(question, condition, params);
        return signedProjects.sum(question.regionCodes(), period.from(), period.to(),
                new SignedProjectTotals.Condition(condition.toString(), params));
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
