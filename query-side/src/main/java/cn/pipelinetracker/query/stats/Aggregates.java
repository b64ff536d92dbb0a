package cn.pipelinetracker.query.stats;

import cn.pipelinetracker.query.rebuild.DerivedProjectionTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The pre-aggregated answers (migration V10, docs/decisions/0023-pre-aggregated-answers.md): milestone facts counted
 * per day and per month ({@code milestone_day_total}, {@code milestone_month_total}), projects per region, industry,
 * stage and status ({@code project_total}), and the signed projects per signing day and month with their funds in place
 * ({@code signed_project_day_total}, {@code signed_project_month_total}, migration V12), and the active projects under
 * construction by the month of their last report ({@code under_construction_month_total}). The projections only insert signed delta rows, in the statement that
 * changes the fact or the project; {@link #compact} moves them into the totals, one schema at a time, in one statement
 * per kind, so that a reader sees either the deltas or the totals they went into, never both or neither.
 */
@Component
public class Aggregates implements DerivedProjectionTables {

    /** The tables, each delta table before the totals it is moved into (the order compaction writes them). */
    public static final List<String> TABLES = List.of("milestone_total_delta", "milestone_day_total",
            "milestone_month_total", "project_total_delta", "project_total", "signed_project_day_total",
            "signed_project_month_total", "under_construction_month_total");

    private static final Logger log = LoggerFactory.getLogger(Aggregates.class);
    private static final String MILESTONE_KEY = "milestone, region_code, %s, industry, source_region";
    private static final String COMPACT_MILESTONES = """
            WITH moved AS (DELETE FROM %1$s.milestone_total_delta
                           RETURNING milestone, region_code, industry, source_region, milestone_date, projects,
                                     planned_investment_yuan),
            days AS (%2$s)
            %3$s""";
    private static final String ADD_MILESTONE_TOTALS = """
            INSERT INTO %1$s.%2$s AS t (%3$s, projects, planned_investment_yuan)
            SELECT %4$s, sum(projects), sum(planned_investment_yuan) FROM moved GROUP BY %4$s
            ON CONFLICT (%3$s) DO UPDATE SET projects = t.projects + excluded.projects,
                planned_investment_yuan = t.planned_investment_yuan + excluded.planned_investment_yuan""";
    private static final String COMPACT_PROJECTS = """
            WITH moved AS (DELETE FROM %1$s.project_total_delta
                           RETURNING region_code, industry, stage, status, source_region, signed_on, reported_month,
                                     projects, planned_investment_yuan, funds_in_place_yuan),
            days AS (%2$s),
            months AS (%3$s),
            under_construction AS (
                INSERT INTO %1$s.under_construction_month_total AS t (region_code, reported_month, projects)
                SELECT region_code, reported_month, sum(projects) FROM moved WHERE reported_month IS NOT NULL
                GROUP BY region_code, reported_month
                ON CONFLICT (region_code, reported_month) DO UPDATE SET projects = t.projects + excluded.projects)
            INSERT INTO %1$s.project_total AS t (region_code, industry, stage, status, projects,
                                                 planned_investment_yuan)
            SELECT region_code, industry, stage, status, sum(projects), sum(planned_investment_yuan) FROM moved
            GROUP BY region_code, industry, stage, status
            ON CONFLICT (region_code, stage, status, industry) DO UPDATE SET projects = t.projects + excluded.projects,
                planned_investment_yuan = t.planned_investment_yuan + excluded.planned_investment_yuan""";
    private static final String SIGNED_KEY = "region_code, %s, status, stage, industry, source_region";
    private static final String ADD_SIGNED_TOTALS = """
            INSERT INTO %1$s.%2$s AS t (%3$s, projects, planned_investment_yuan, funds_in_place_yuan)
            SELECT %4$s, sum(projects), sum(planned_investment_yuan), sum(funds_in_place_yuan) FROM moved
            WHERE signed_on IS NOT NULL GROUP BY %4$s
            ON CONFLICT (%3$s) DO UPDATE SET projects = t.projects + excluded.projects,
                planned_investment_yuan = t.planned_investment_yuan + excluded.planned_investment_yuan,
                funds_in_place_yuan = t.funds_in_place_yuan + excluded.funds_in_place_yuan""";

    private final JdbcClient jdbc;

    public Aggregates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Fills the totals of {@code schema} from its base tables ({@code milestone_fact}, {@code project_view}) and
     * empties its deltas: what a rebuild that loads the base tables in bulk calls after loading them. Not for the live
     * tables while the processors write them.
     */
    public static void refill(JdbcClient jdbc, String schema) {
        jdbc.sql("SELECT refill_aggregates(?)").param(schema).query((rs, row) -> row).single();
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    /** A rebuild's: its fresh totals from its freshly loaded base tables. */
    @Override
    public void refill(JdbcClient rebuilding) {
        refill(rebuilding, "rebuild");
    }

    /** Moves the deltas of the live tables, and of a rebuild's fresh tables if there are any, into their totals. */
    @Scheduled(initialDelayString = "${pipeline.aggregates.compact-interval:PT2S}",
            fixedDelayString = "${pipeline.aggregates.compact-interval:PT2S}")
    void compactLiveAndRebuilding() {
        compact("public");
        boolean rebuilding = jdbc.sql("SELECT to_regclass('rebuild.milestone_total_delta') IS NOT NULL "
                + "AND to_regclass('rebuild.project_total_delta') IS NOT NULL").query(Boolean.class).single();
        if (rebuilding) {
            try {
                compact("rebuild");
            } catch (DataAccessException gone) {
                log.debug("The rebuild's fresh tables went away while compacting them", gone);
            }
        }
    }

    /** Moves the deltas of {@code schema} into its totals. */
    public void compact(String schema) {
        String days = ADD_MILESTONE_TOTALS.formatted(schema, "milestone_day_total",
                MILESTONE_KEY.formatted("milestone_date"), MILESTONE_KEY.formatted("milestone_date"));
        String months = ADD_MILESTONE_TOTALS.formatted(schema, "milestone_month_total",
                MILESTONE_KEY.formatted("month"), MILESTONE_KEY.formatted("date_trunc('month', milestone_date)::date"));
        jdbc.sql(COMPACT_MILESTONES.formatted(schema, days, months)).update();
        String signedDays = ADD_SIGNED_TOTALS.formatted(schema, "signed_project_day_total",
                SIGNED_KEY.formatted("signed_on"), SIGNED_KEY.formatted("signed_on"));
        String signedMonths = ADD_SIGNED_TOTALS.formatted(schema, "signed_project_month_total",
                SIGNED_KEY.formatted("month"), SIGNED_KEY.formatted("date_trunc('month', signed_on)::date"));
        jdbc.sql(COMPACT_PROJECTS.formatted(schema, signedDays, signedMonths)).update();
    }
}
