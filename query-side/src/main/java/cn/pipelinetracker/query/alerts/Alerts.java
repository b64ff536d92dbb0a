package cn.pipelinetracker.query.alerts;

import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.query.stats.SignedProjectTotals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The alerts of a region subtree on a day, computed from {@code project_view} (no scheduler: every rule depends on
 * dates only). Each rule reads its own partial index by region and the date its thresholds count from: the SQL only
 * picks the projects past the yellow (or asked-for) threshold, the level and {@code since} follow here from that date.
 */
@Repository
public class Alerts {

    /** An alert before its detail is put in the reader's words. */
    public record Found(String projectId, String name, String regionCode, AlertRule rule, AlertLevel level,
                        LocalDate since, LocalDate countedFrom, Phrase detail) {
    }

    private record Candidate(String projectId, String name, String regionCode, LocalDate countedFrom,
                             LocalDate progressAsOf) {
    }

    /** Red first, then the longest-standing; within a day, by the date the rule counts from (then the project). */
    private static final Comparator<Found> RED_FIRST_THEN_OLDEST = Comparator
            .comparing(Found::level, Comparator.reverseOrder())
            .thenComparing(Found::since)
            .thenComparing(Found::countedFrom)
            .thenComparing(Found::projectId)
            .thenComparing(Found::rule);

    private final JdbcClient jdbc;
    private final SignedProjectTotals signedProjects;
    private final AlertSettings settings;

    public Alerts(JdbcClient jdbc, AlertSettings settings) {
        this.jdbc = jdbc;
        this.signedProjects = new SignedProjectTotals(jdbc);
        this.settings = settings;
    }

    /**
     * Which alerts a list asks for: those of the regions, of the projects named (none named: every project), the first
     * {@code limit} in the list's order (null: all).
     */
    private record Filter(String[] regions, String[] projectIds, Integer limit) {
    }

    /** Every alert of the regions on {@code today}, red first, then the longest-standing; {@code level} may be null. */
    public List<Found> of(Collection<String> regionCodes, AlertLevel level, LocalDate today) {
        return of(regionCodes, level, today, List.of(), null);
    }

    /**
     * As {@link #of(Collection, AlertLevel, LocalDate)}, only for the projects named (none: all), and only the first
     * {@code limit} (null: all). Within a rule, {@code since} never falls as the date the rule counts from grows (and
     * red comes before yellow), so each rule's first {@code limit} by that date hold the merged list's first ones.
     */
    public List<Found> of(Collection<String> regionCodes, AlertLevel level, LocalDate today,
                          Collection<String> projectIds, Integer limit) {
        Filter filter = new Filter(regionCodes.toArray(String[]::new), projectIds.toArray(String[]::new), limit);
        List<Found> found = new ArrayList<>();
        found.addAll(notStarted(filter, level, today));
        found.addAll(noProgressReport(filter, level, today));
        found.addAll(suspendedLong(filter, level, today));
        found.sort(RED_FIRST_THEN_OLDEST);
        return limit == null || found.size() <= limit ? found : List.copyOf(found.subList(0, limit));
    }

    /**
     * How many alerts of each level {@link #of} would list, counted in the database (the dashboard's first look needs
     * the counts; a province's list at a million projects is hundreds of thousands of rows).
     */
    public Map<AlertLevel, Long> counts(Collection<String> regionCodes, LocalDate today) {
        String[] regions = regionCodes.toArray(String[]::new);
        AlertSettings.Days notStarted = settings.notStarted();
        AlertSettings.Days suspended = settings.suspendedLong();
        AlertSettings.Months noReport = settings.noProgressReport();
        LocalDate thisMonth = today.withDayOfMonth(1);
        List<long[]> perRule = List.of(
                countNotStarted(regionCodes, today.minusDays(notStarted.yellowAfterDays()),
                        today.minusDays(notStarted.redAfterDays())),
                countNoProgress(regions, thisMonth.minusMonths(noReport.yellowAfterMonths()),
                        thisMonth.minusMonths(noReport.redAfterMonths())),
                count(SUSPENDED_DATE, SUSPENDED, regions, today.minusDays(suspended.yellowAfterDays()),
                        today.minusDays(suspended.redAfterDays())));
        Map<AlertLevel, Long> counts = new EnumMap<>(AlertLevel.class);
        counts.put(AlertLevel.RED, perRule.stream().mapToLong(c -> c[0]).sum());
        counts.put(AlertLevel.YELLOW, perRule.stream().mapToLong(c -> c[1] - c[0]).sum());
        return counts;
    }

    /**
     * Red and all of the not-started rule, from the signed projects' totals (Aggregates): a project signed but not
     * started is one whose stage is still {@code SIGNED}, since nothing later comes before construction starts.
     */
    private long[] countNotStarted(Collection<String> regionCodes, LocalDate yellowUpTo, LocalDate redUpTo) {
        SignedProjectTotals.Condition active = new SignedProjectTotals.Condition(
                "status = 'ACTIVE' AND stage = 'SIGNED'", List.of());
        return new long[]{
                signedProjects.sum(regionCodes, SignedProjectTotals.EVER_SINCE, redUpTo, active).projects(),
                signedProjects.sum(regionCodes, SignedProjectTotals.EVER_SINCE, yellowUpTo, active).projects()};
    }

    /**
     * Red and all of the no-progress rule, from the active projects under construction counted by the month of their
     * last report or start (Aggregates): the rule's thresholds are the last days before the months given, so a
     * project's month tells exactly which side of them it is on.
     */
    private long[] countNoProgress(String[] regions, LocalDate yellowBefore, LocalDate redBefore) {
        return jdbc.sql("""
                        SELECT COALESCE(sum(projects) FILTER (WHERE reported_month < ?), 0), COALESCE(sum(projects), 0)
                        FROM (SELECT reported_month, projects FROM under_construction_month_total
                              WHERE region_code = ANY (?) AND reported_month < ?
                              UNION ALL
                              SELECT reported_month, projects FROM project_total_delta
                              WHERE region_code = ANY (?) AND reported_month < ?) AS totals""")
                .params(redBefore, regions, yellowBefore, regions, yellowBefore)
                .query((rs, row) -> new long[]{rs.getLong(1), rs.getLong(2)})
                .single();
    }

    /** Red and all (red and yellow) of one rule. */
    private long[] count(String countedFrom, String applies, String[] regions, LocalDate yellowUpTo,
                         LocalDate redUpTo) {
        return jdbc.sql("SELECT count(*) FILTER (WHERE " + countedFrom + " <= ?), count(*) FROM project_view WHERE "
                        + applies + " AND region_code = ANY (?) AND " + countedFrom + " <= ?")
                .params(redUpTo, regions, yellowUpTo)
                .query((rs, row) -> new long[]{rs.getLong(1), rs.getLong(2)})
                .single();
    }

    private static final String NOT_STARTED_DATE = "signed_on";
    private static final String NOT_STARTED = "status = 'ACTIVE' AND signed_on IS NOT NULL AND construction_started_on IS NULL";
    private static final String NO_PROGRESS_DATE = "GREATEST(progress_as_of, construction_started_on)";
    private static final String NO_PROGRESS = "status = 'ACTIVE' AND stage = 'UNDER_CONSTRUCTION'";
    private static final String SUSPENDED_DATE = "suspended_on";
    private static final String SUSPENDED = "status = 'SUSPENDED'";

    private List<Found> notStarted(Filter filter, AlertLevel level, LocalDate today) {
        AlertSettings.Days days = settings.notStarted();
        return candidates(NOT_STARTED_DATE, NOT_STARTED, filter,
                window(level, today.minusDays(days.yellowAfterDays()), today.minusDays(days.redAfterDays())))
                .stream().map(c -> inDays(c, AlertRule.NOT_STARTED, days, today, elapsed -> Phrase.of(
                        "alert.not-started", "signed on {0}, construction not started after {1} days",
                        c.countedFrom().toString(), elapsed)))
                .toList();
    }

    private List<Found> suspendedLong(Filter filter, AlertLevel level, LocalDate today) {
        AlertSettings.Days days = settings.suspendedLong();
        return candidates(SUSPENDED_DATE, SUSPENDED, filter,
                window(level, today.minusDays(days.yellowAfterDays()), today.minusDays(days.redAfterDays())))
                .stream().map(c -> inDays(c, AlertRule.SUSPENDED_LONG, days, today, elapsed -> Phrase.of(
                        "alert.suspended-long", "suspended since {0}, {1} days", c.countedFrom().toString(), elapsed)))
                .toList();
    }

    /**
     * Under construction, and no report as of a day in the last full month(s): counted from the later of the last
     * report's day and the construction start, so that a project that started in the middle of last month is not
     * late yet.
     */
    private List<Found> noProgressReport(Filter filter, AlertLevel level, LocalDate today) {
        AlertSettings.Months months = settings.noProgressReport();
        LocalDate thisMonth = today.withDayOfMonth(1);
        return candidates(NO_PROGRESS_DATE, NO_PROGRESS, filter,
                window(level, thisMonth.minusMonths(months.yellowAfterMonths()).minusDays(1),
                        thisMonth.minusMonths(months.redAfterMonths()).minusDays(1)))
                .stream().map(c -> {
                    LocalDate firstMissedMonth = c.countedFrom().withDayOfMonth(1).plusMonths(1);
                    boolean red = !c.countedFrom().isAfter(thisMonth.minusMonths(months.redAfterMonths()).minusDays(1));
                    LocalDate since = firstMissedMonth.plusMonths(
                            red ? months.redAfterMonths() : months.yellowAfterMonths());
                    Phrase detail = c.progressAsOf() == null
                            ? Phrase.of("alert.no-progress-report.none", "under construction since {0}, no progress "
                            + "report yet", c.countedFrom().toString())
                            : Phrase.of("alert.no-progress-report", "under construction, last progress report as of {0}",
                            c.progressAsOf().toString());
                    return found(c, AlertRule.NO_PROGRESS_REPORT, red, since, detail);
                })
                .toList();
    }

    private static Found inDays(Candidate candidate, AlertRule rule, AlertSettings.Days days, LocalDate today,
                                Function<String, Phrase> detail) {
        long elapsed = ChronoUnit.DAYS.between(candidate.countedFrom(), today);
        boolean red = elapsed >= days.redAfterDays();
        LocalDate since = candidate.countedFrom().plusDays(red ? days.redAfterDays() : days.yellowAfterDays());
        return found(candidate, rule, red, since, detail.apply(String.valueOf(elapsed)));
    }

    private static Found found(Candidate candidate, AlertRule rule, boolean red, LocalDate since, Phrase detail) {
        return new Found(candidate.projectId(), candidate.name(), candidate.regionCode(), rule,
                red ? AlertLevel.RED : AlertLevel.YELLOW, since, candidate.countedFrom(), detail);
    }

    /**
     * The days a rule's date may lie on for the level asked: up to {@code yellowUpTo} for any level, up to
     * {@code redUpTo} for red, after it for yellow only.
     */
    private record Window(LocalDate upTo, LocalDate after) {
    }

    private static Window window(AlertLevel level, LocalDate yellowUpTo, LocalDate redUpTo) {
        if (level == null) {
            return new Window(yellowUpTo, null);
        }
        return level == AlertLevel.RED ? new Window(redUpTo, null) : new Window(yellowUpTo, redUpTo);
    }

    /**
     * The projects a rule applies to in the window. With a limit, each region's first ones by the rule's date come from
     * its partial index in order (a province is some hundred regions: no sort of every alert of the province), and
     * the first of those are kept.
     */
    private List<Candidate> candidates(String countedFrom, String applies, Filter filter, Window window) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(applies + " AND " + countedFrom + " <= ?");
        params.add(window.upTo());
        if (window.after() != null) {
            where.append(" AND ").append(countedFrom).append(" > ?");
            params.add(window.after());
        }
        if (filter.projectIds().length > 0) {
            where.append(" AND project_id = ANY (?)");
            params.add(filter.projectIds());
        }
        String columns = "project_id, name, region_code, " + countedFrom + " AS counted_from, progress_as_of";
        String sql;
        if (filter.limit() == null) {
            sql = "SELECT " + columns + " FROM project_view WHERE " + where + " AND region_code = ANY (?)";
            params.add(filter.regions());
        } else {
            sql = "SELECT firsts.* FROM unnest(?::varchar[]) AS region(code) CROSS JOIN LATERAL (SELECT " + columns
                    + " FROM project_view WHERE " + where + " AND region_code = region.code ORDER BY " + countedFrom
                    + ", project_id LIMIT ?) AS firsts ORDER BY counted_from, project_id LIMIT ?";
            params.add(0, filter.regions());
            params.add(filter.limit());
            params.add(filter.limit());
        }
        return jdbc.sql(sql)
                .params(params)
                .query((rs, row) -> new Candidate(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class)))
                .list();
    }
}
