package cn.pipelinetracker.query.stats;

import cn.pipelinetracker.events.ConstructionCompletedEvent;
import cn.pipelinetracker.events.ConstructionStartedEvent;
import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.MilestoneDateCorrectedEvent;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.PlannedInvestmentRevisedEvent;
import cn.pipelinetracker.events.ProductionScope;
import cn.pipelinetracker.events.ProductionStartedEvent;
import cn.pipelinetracker.events.ProgressReportedEvent;
import cn.pipelinetracker.events.ProjectCancelledEvent;
import cn.pipelinetracker.events.ProjectDetailsCorrectedEvent;
import cn.pipelinetracker.events.ProjectDetailsCorrectedEvent.Change;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectResumedEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.ProjectSuspendedEvent;
import cn.pipelinetracker.events.ProjectVoidedEvent;
import cn.pipelinetracker.events.RegionCode;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.test.TestDatabase;
import cn.pipelinetracker.query.HistoryStep;
import cn.pipelinetracker.query.ProjectionWriter;
import cn.pipelinetracker.query.RecordedEvents;
import cn.pipelinetracker.query.alerts.AlertLevel;
import cn.pipelinetracker.query.alerts.AlertSettings;
import cn.pipelinetracker.query.alerts.Alerts;
import cn.pipelinetracker.query.projectview.ProjectStatus;
import cn.pipelinetracker.query.projectview.ProjectViewProjection;
import cn.pipelinetracker.query.projectview.ProjectViews;
import cn.pipelinetracker.query.projectview.Stage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-aggregated answers equal the answers counted from the base tables, over random histories: registrations,
 * milestones, revisions, progress, suspensions, cancellations, voids, date corrections and corrections that move a
 * project to another region, industry or source region — projected in batches through the real projections (Axon's
 * handler dispatch) into a real PostgreSQL, some events delivered twice, the deltas compacted at random moments.
 * Current statistics (also of a signed cohort, and the funds in place of what they count) are compared with the facts'
 * own answer as known after the last event; the pipeline and the list's total (also by signing period) with counts
 * over {@code project_view}; the alert counts with the alert lists' sizes; and the totals kept live with those the
 * refill computes.
 */
class AggregatesPropertiesTest {

    private static final RegionTree REGIONS = RegionTree.bundled();
    private static final String[] PROJECT_REGIONS = {"441202", "441204", "441200-JJQ-SBJ", "440604", "441200"};
    private static final String[] QUESTION_REGIONS = {"440000", "441200", "441202", "441200-JJQ", "440600"};
    private static final String[] INDUSTRIES = {"NEW_ENERGY", "ELECTRONICS"};
    private static final String[] SOURCE_REGIONS = {"北京", "香港"};
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 20);

    private static JdbcClient jdbc;
    private static List<AnnotationEventHandlerAdapter> projections;
    private static MilestoneStatistics statistics;
    private static Pipeline pipeline;
    private static ProjectViews views;
    private static Aggregates aggregates;
    private static Alerts alerts;
    private static TransactionTemplate transaction;


    /** A project as far as the generator must know it to produce only events the aggregate would record. */
    private static final class Model {
        final String id = UUID.randomUUID().toString();
        final Map<Milestone, LocalDate> reached = new EnumMap<>(Milestone.class);
        String region;
        String industry;
        String sourceRegion;
        long version;
        boolean suspended;
        boolean ended;
    }

    private final List<Model> models = new ArrayList<>();
    private final List<TrackedEventMessage<?>> batch = new ArrayList<>();
    private final RecordedEvents log = new RecordedEvents(Instant.parse("2024-05-01T00:00:00Z"));

    @BeforeContainer
    static void database() {
        DataSource dataSource = TestDatabase.withSchemas("event-store", "query-side");
        jdbc = JdbcClient.create(dataSource);
        ProjectionWriter writes = new ProjectionWriter(dataSource);
        projections = List.of(new AnnotationEventHandlerAdapter(new MilestoneFactsProjection(writes)),
                new AnnotationEventHandlerAdapter(
                        new ProjectViewProjection(writes, Clock.system(ZoneId.of("Asia/Shanghai")))));
        statistics = new MilestoneStatistics(jdbc);
        pipeline = new Pipeline(jdbc);
        views = new ProjectViews(jdbc);
        aggregates = new Aggregates(jdbc);
        alerts = new Alerts(jdbc, new AlertSettings(new AlertSettings.Days(10, 30), new AlertSettings.Months(1, 2),
                new AlertSettings.Days(10, 30)));
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @BeforeTry
    void emptyTables() {
        jdbc.sql("DELETE FROM milestone_fact; DELETE FROM milestone_project; DELETE FROM project_view").update();
        Aggregates.TABLES.forEach(table -> jdbc.sql("DELETE FROM " + table).update());
        models.clear();
        batch.clear();
    }

    @Provide
    Arbitrary<List<HistoryStep>> histories() {
        return HistoryStep.histories(16, 11, 90, 59, 60);
    }

    @Provide
    Arbitrary<List<MilestoneStatistics.Question>> questions() {
        Arbitrary<LocalDate> days = Arbitraries.integers().between(-10, 100).map(FIRST_DAY::plusDays);
        Arbitrary<MilestoneStatistics.Period> cohorts = Combinators.combine(days, days)
                .as((a, b) -> new MilestoneStatistics.Period(a.isBefore(b) ? a : b, a.isBefore(b) ? b : a))
                .injectNull(0.5);
        return Combinators.combine(Arbitraries.of(Milestone.class), Arbitraries.of(QUESTION_REGIONS), days, days,
                        Arbitraries.of(INDUSTRIES).injectNull(0.6), Arbitraries.of(SOURCE_REGIONS).injectNull(0.7),
                        cohorts)
                .as((milestone, region, a, b, industry, source, cohort) -> new MilestoneStatistics.Question(milestone,
                        REGIONS.subtree(region), a.isBefore(b) ? a : b, a.isBefore(b) ? b : a, industry, source,
                        null, cohort))
                .list().ofSize(8);
    }

    @Property(tries = 100)
    void thePreAggregatedAnswersEqualTheCountedOnes(@ForAll("histories") List<HistoryStep> history,
                                                    @ForAll("questions") List<MilestoneStatistics.Question> questions,
                                                    @ForAll("regionsAsked") String region,
                                                    @ForAll("listFilters") ListFilter listed) {
        history.forEach(this::apply);
        commitBatch();

        for (MilestoneStatistics.Question question : questions) {
            assertThat(statistics.count(question)).as(question.toString()).isEqualTo(statistics.count(
                    new MilestoneStatistics.Question(question.milestone(), question.regionCodes(), question.from(),
                            question.to(), question.industry(), question.sourceRegion(), log.clock().plusSeconds(1),
                            question.signedIn())));
            assertThat(statistics.fundsInPlace(question)).as("funds in place of " + question)
                    .isEqualTo(fundsInPlaceFromFacts(question));
        }
        Set<String> subtree = REGIONS.subtree(region);
        assertThat(pipeline.of(subtree)).isEqualTo(pipelineFromProjectViews(subtree));
        var filter = new ProjectViews.Filter(subtree, listed.stage(), listed.status(), listed.industry(), null,
                listed.signedFrom(), listed.signedTo());
        assertThat(views.list(filter, ProjectViews.Order.REGISTERED_ON, 0, 1).total())
                .isEqualTo(views.count(views.where(filter)));
        for (int days = 20; days <= 140; days += 40) {
            LocalDate today = FIRST_DAY.plusDays(days);
            List<Alerts.Found> alerted = alerts.of(subtree, null, today);
            for (AlertLevel level : AlertLevel.values()) {
                assertThat(alerts.counts(subtree, today).get(level)).as(level + " alerts on " + today)
                        .isEqualTo(alerted.stream().filter(alert -> alert.level() == level).count());
            }
        }

        List<String> live = totals();
        assertThat(jdbc.sql("SELECT count(*) FROM milestone_total_delta").query(Long.class).single()).isZero();
        Aggregates.refill(jdbc, "public");
        assertThat(totals()).as("the totals kept live are those the refill computes").isEqualTo(live);
    }

    @Provide
    Arbitrary<String> regionsAsked() {
        return Arbitraries.of(QUESTION_REGIONS);
    }

    record ListFilter(Stage stage, ProjectStatus status, String industry, LocalDate signedFrom, LocalDate signedTo) {
    }

    @Provide
    Arbitrary<ListFilter> listFilters() {
        Arbitrary<LocalDate> days = Arbitraries.integers().between(-10, 100).map(FIRST_DAY::plusDays).injectNull(0.4);
        return Combinators.combine(Arbitraries.of(Stage.class).injectNull(0.5),
                        Arbitraries.of(ProjectStatus.class).injectNull(0.5), Arbitraries.of(INDUSTRIES).injectNull(0.5),
                        days, days)
                .as(ListFilter::new);
    }

    /** The funds in place of the projects a current question counts, summed over their facts (as before the totals). */
    private static BigDecimal fundsInPlaceFromFacts(MilestoneStatistics.Question question) {
        StringBuilder sql = new StringBuilder("""
                SELECT COALESCE(sum(v.funds_in_place_yuan), 0) FROM project_view v WHERE v.project_id IN (
                    SELECT project_id FROM milestone_fact WHERE superseded_at IS NULL AND milestone = ?
                        AND region_code = ANY (?) AND milestone_date BETWEEN ? AND ?""");
        String[] regions = question.regionCodes().toArray(String[]::new);
        List<Object> params = new ArrayList<>(List.of(question.milestone().name(), regions, question.from(),
                question.to()));
        if (question.industry() != null) {
            sql.append(" AND industry = ?");
            params.add(question.industry());
        }
        if (question.sourceRegion() != null) {
            sql.append(" AND source_region = ?");
            params.add(question.sourceRegion());
        }
        if (question.signedIn() != null) {
            sql.append(" AND project_id IN (SELECT project_id FROM milestone_fact WHERE superseded_at IS NULL"
                    + " AND milestone = 'SIGNED' AND region_code = ANY (?) AND milestone_date BETWEEN ? AND ?)");
            params.addAll(List.of(regions, question.signedIn().from(), question.signedIn().to()));
        }
        return jdbc.sql(sql + ")").params(params).query((rs, row) -> Money.ofYuan(rs.getBigDecimal(1)).yuan())
                .single();
    }

    /** What the pipeline answered before it read the totals. */
    private static Pipeline.Answer pipelineFromProjectViews(Set<String> regions) {
        Map<Stage, Pipeline.StageTotal> byStage = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            byStage.put(stage, new Pipeline.StageTotal(stage, 0, BigDecimal.ZERO));
        }
        String[] codes = regions.toArray(String[]::new);
        jdbc.sql("SELECT stage, count(*), sum(planned_investment_yuan) FROM project_view "
                        + "WHERE status IN ('ACTIVE', 'SUSPENDED') AND region_code = ANY (?) GROUP BY stage")
                .param(codes)
                .query(rs -> {
                    Stage stage = Stage.valueOf(rs.getString(1));
                    byStage.put(stage, new Pipeline.StageTotal(stage, rs.getLong(2),
                            Money.ofYuan(rs.getBigDecimal(3)).yuan()));
                });
        Pipeline.Totals cancelled = jdbc.sql("SELECT count(*), COALESCE(sum(planned_investment_yuan), 0) "
                        + "FROM project_view WHERE status = 'CANCELLED' AND region_code = ANY (?)")
                .param(codes)
                .query((rs, row) -> new Pipeline.Totals(rs.getLong(1), Money.ofYuan(rs.getBigDecimal(2)).yuan()))
                .single();
        return new Pipeline.Answer(List.copyOf(byStage.values()), cancelled);
    }

    /** Every total that is not zero, after the deltas were compacted into them, as text lines in one order. */
    private static List<String> totals() {
        aggregates.compact("public");
        List<String> totals = new ArrayList<>();
        for (String table : List.of("milestone_day_total", "milestone_month_total", "project_total",
                "under_construction_month_total")) {
            totals.addAll(jdbc.sql("SELECT '" + table + " ' || t::text FROM " + table + " t WHERE projects <> 0 "
                    + "ORDER BY 1").query(String.class).list());
        }
        for (String table : List.of("signed_project_day_total", "signed_project_month_total")) {
            totals.addAll(jdbc.sql("SELECT '" + table + " ' || t::text FROM " + table + " t "
                    + "WHERE projects <> 0 OR funds_in_place_yuan <> 0 ORDER BY 1").query(String.class).list());
        }
        return totals;
    }

    /** Applies the step as the aggregate would accept it, or not at all; some steps commit the batch or compact. */
    private void apply(HistoryStep step) {
        LocalDate day = FIRST_DAY.plusDays(step.day());
        Money amount = Money.ofYuan(BigDecimal.valueOf(step.cents(), 2));
        if (step.operation() == 15) {
            commitBatch();
            return;
        }
        if (step.operation() == 16) {
            commitBatch();
            aggregates.compact("public");
            return;
        }
        if (step.operation() == 0 || models.isEmpty()) {
            if (models.size() < 12) {
                Model model = new Model();
                model.region = PROJECT_REGIONS[step.choice() % PROJECT_REGIONS.length];
                model.industry = INDUSTRIES[step.choice() % INDUSTRIES.length];
                model.sourceRegion = step.choice() % 3 == 0 ? null : SOURCE_REGIONS[step.choice() % 2];
                model.reached.put(Milestone.REGISTERED, day);
                models.add(model);
                record(model, new ProjectRegisteredEvent(model.id, null, "项目", "投资方", RegionCode.of(model.region),
                        IndustryCode.of(model.industry), model.sourceRegion, amount, day, null, null, null));
            }
            return;
        }
        Model model = models.get(step.project() % models.size());
        if (model.ended && step.operation() != 11) {
            return;
        }
        boolean advances = !model.suspended;
        switch (step.operation()) {
            case 1 -> reach(model, advances, Milestone.REGISTERED, Milestone.SIGNED, day,
                    new ProjectSignedEvent(model.id, day, step.choice() % 3 == 0 ? amount : null));
            case 2 -> reach(model, advances, Milestone.SIGNED, Milestone.CONSTRUCTION_STARTED, day,
                    new ConstructionStartedEvent(model.id, day));
            case 3 -> reach(model, advances, Milestone.CONSTRUCTION_STARTED, Milestone.CONSTRUCTION_COMPLETED, day,
                    new ConstructionCompletedEvent(model.id, day));
            case 4 -> reach(model, advances, Milestone.CONSTRUCTION_STARTED, Milestone.PRODUCTION_STARTED, day,
                    new ProductionStartedEvent(model.id, day, ProductionScope.PARTIAL));
            case 5 -> record(model, new PlannedInvestmentRevisedEvent(model.id, amount, "调整"));
            case 6 -> record(model, new ProgressReportedEvent(model.id, day, amount, null,
                    step.choice() % 2 == 0 ? Money.ofYuan(BigDecimal.valueOf(step.cents() / 3, 2)) : null));
            case 7 -> {
                model.suspended = !model.suspended;
                record(model, model.suspended ? new ProjectSuspendedEvent(model.id, "停工")
                        : new ProjectResumedEvent(model.id, "复工"));
            }
            case 8 -> {
                Milestone which = model.reached.keySet().toArray(Milestone[]::new)[step.choice()
                        % model.reached.size()];
                if (inOrder(model.reached, which, day)) {
                    LocalDate previous = model.reached.put(which, day);
                    record(model, new MilestoneDateCorrectedEvent(model.id, which, previous, day, "更正日期"));
                }
            }
            case 9 -> {
                model.ended = true;
                record(model, new ProjectCancelledEvent(model.id, "撤资"));
            }
            case 10 -> {
                model.ended = true;
                record(model, new ProjectVoidedEvent(model.id, "重复录入"));
            }
            case 11 -> correctDetails(model, step.choice());
            default -> redeliverAnEventOfTheBatch(step.choice());
        }
    }

    private void reach(Model model, boolean advances, Milestone after, Milestone milestone, LocalDate day,
                       Object event) {
        if (advances && model.reached.containsKey(after) && !model.reached.containsKey(milestone)
                && inOrder(model.reached, milestone, day)) {
            model.reached.put(milestone, day);
            record(model, event);
        }
    }

    /**
     * Whether the milestones stay in the order the aggregate keeps (ProjectRule) with {@code milestone} on {@code day}:
     * registered, signed, construction started, then completed and production, each on or after the one before.
     */
    private static boolean inOrder(Map<Milestone, LocalDate> reached, Milestone milestone, LocalDate day) {
        Map<Milestone, LocalDate> dates = new EnumMap<>(reached);
        dates.put(milestone, day);
        return notAfter(dates, Milestone.REGISTERED, Milestone.SIGNED)
                && notAfter(dates, Milestone.SIGNED, Milestone.CONSTRUCTION_STARTED)
                && notAfter(dates, Milestone.CONSTRUCTION_STARTED, Milestone.CONSTRUCTION_COMPLETED)
                && notAfter(dates, Milestone.CONSTRUCTION_STARTED, Milestone.PRODUCTION_STARTED);
    }

    private static boolean notAfter(Map<Milestone, LocalDate> dates, Milestone earlier, Milestone later) {
        return dates.get(earlier) == null || dates.get(later) == null || !dates.get(earlier).isAfter(dates.get(later));
    }

    /** A correction of the region, the industry or the source region (cancelled projects may be corrected too). */
    private void correctDetails(Model model, int choice) {
        String region = PROJECT_REGIONS[choice % PROJECT_REGIONS.length];
        String industry = INDUSTRIES[(choice / 5) % INDUSTRIES.length];
        String source = SOURCE_REGIONS[(choice / 10) % SOURCE_REGIONS.length];
        Change regionChange = region.equals(model.region) ? null : new Change(model.region, region);
        Change industryChange = industry.equals(model.industry) ? null : new Change(model.industry, industry);
        Change sourceChange = choice % 4 != 0 || source.equals(model.sourceRegion) ? null
                : new Change(model.sourceRegion, source);
        if (regionChange == null && industryChange == null && sourceChange == null) {
            return;
        }
        model.region = region;
        model.industry = industry;
        model.sourceRegion = sourceChange == null ? model.sourceRegion : source;
        record(model, new ProjectDetailsCorrectedEvent(model.id, null, null, industryChange, regionChange, null,
                sourceChange, "更正"));
    }

    /** A stolen claim replays a batch: an event handled again must change nothing. */
    private void redeliverAnEventOfTheBatch(int choice) {
        if (!batch.isEmpty()) {
            batch.add(batch.get(choice % batch.size()));
        }
    }

    private void record(Model model, Object event) {
        batch.add(log.next(model.id, model.version++, event));
    }

    /** Projects the events recorded since the last commit in one transaction, as a processor's batch would be. */
    private void commitBatch() {
        transaction.executeWithoutResult(status -> batch.forEach(message -> RecordedEvents.project(projections,
                message)));
        batch.clear();
    }
}
