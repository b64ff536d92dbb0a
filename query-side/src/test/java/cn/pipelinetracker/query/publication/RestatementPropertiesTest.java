package cn.pipelinetracker.query.publication;

import cn.pipelinetracker.events.ConstructionStartedEvent;
import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.MilestoneDateCorrectedEvent;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.PlannedInvestmentRevisedEvent;
import cn.pipelinetracker.events.ProjectCancelledEvent;
import cn.pipelinetracker.events.ProjectDetailsCorrectedEvent;
import cn.pipelinetracker.events.ProjectDetailsCorrectedEvent.Change;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.ProjectVoidedEvent;
import cn.pipelinetracker.events.RegionCode;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.test.TestDatabase;
import cn.pipelinetracker.query.HistoryStep;
import cn.pipelinetracker.query.ProjectionWriter;
import cn.pipelinetracker.query.RecordedEvents;
import cn.pipelinetracker.query.stats.Aggregates;
import cn.pipelinetracker.query.stats.MilestoneFactsProjection;
import cn.pipelinetracker.query.stats.MilestoneStatistics;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restatement adds up, over random histories: events, a publication, more events; then the changes explained sum
 * exactly to today's statistics answer minus the published one, and every change is caused by an event recorded after
 * the publication. The events go through the real projections (Axon's handler dispatch) into a real PostgreSQL.
 */
class RestatementPropertiesTest {

    private static final RegionTree REGIONS = RegionTree.bundled();
    private static final String[] PROJECT_REGIONS = {"441202", "441204", "441200-JJQ-SBJ", "440604"};
    private static final String[] QUESTION_REGIONS = {"441200", "441202", "440000"};
    private static final String[] INDUSTRIES = {"NEW_ENERGY", "ELECTRONICS"};
    private static final Milestone[] ASKED = {Milestone.SIGNED, Milestone.CONSTRUCTION_STARTED, Milestone.REGISTERED};
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 5, 20);
    private static final LocalDate FROM = LocalDate.of(2024, 6, 1);
    private static final LocalDate TO = LocalDate.of(2024, 6, 30);

    private static JdbcClient jdbc;
    private static List<AnnotationEventHandlerAdapter> projections;
    private static MilestoneStatistics statistics;
    private static Restatements restatements;
    /** Each part of a history is projected in one transaction, as a batch of a live processor would be. */
    private static TransactionTemplate batch;

    /** A project as far as the generator must know it to produce only commands the aggregate would accept. */
    private static final class Model {
        final String id = UUID.randomUUID().toString();
        final Map<Milestone, LocalDate> reached = new EnumMap<>(Milestone.class);
        String region;
        String industry;
        long version;
        boolean voided;
        boolean cancelled;
    }

    private final List<Model> models = new ArrayList<>();
    private final RecordedEvents log = new RecordedEvents(Instant.parse("2024-07-01T00:00:00Z"));

    @BeforeContainer
    static void database() {
        DataSource dataSource = TestDatabase.withSchemas("event-store", "query-side");
        jdbc = JdbcClient.create(dataSource);
        ProjectionWriter writes = new ProjectionWriter(dataSource);
        projections = List.of(new AnnotationEventHandlerAdapter(new PublicationProjection(writes)),
                new AnnotationEventHandlerAdapter(new MilestoneFactsProjection(writes)));
        statistics = new MilestoneStatistics(jdbc);
        restatements = new Restatements(jdbc, statistics);
        batch = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @BeforeTry
    void emptyTables() {
        jdbc.sql("DELETE FROM publication_project_state; DELETE FROM milestone_fact; DELETE FROM milestone_project").update();
        Aggregates.TABLES.forEach(table -> jdbc.sql("DELETE FROM " + table).update());
        models.clear();
    }

    @Provide
    Arbitrary<List<HistoryStep>> histories() {
        return HistoryStep.histories(8, 9, 50, 11, 30);
    }

    @Property(tries = 1000)
    void theChangesAddUpToTodayMinusThePublishedAnswer(@ForAll("histories") List<HistoryStep> before,
                                                        @ForAll("histories") List<HistoryStep> after,
                                                        @ForAll("questions") Restatements.Question question) {
        batch.executeWithoutResult(status -> before.forEach(this::apply));
        Set<String> subtree = REGIONS.subtree(question.regionCode());
        long published = log.position();
        MilestoneStatistics.Answer answer = jdbc.sql("SELECT projects, planned_investment_yuan "
                        + "FROM publication_answer(?, ?, ?, ?, ?, ?, ?)")
                .params(question.milestone().name(), subtree.toArray(String[]::new), question.from(), question.to(),
                        question.industry(), question.sourceRegion(), published)
                .query((rs, row) -> new MilestoneStatistics.Answer(rs.getLong(1),
                        Money.ofYuan(rs.getBigDecimal(2)).yuan()))
                .single();
        assertThat(answer).as("the published answer is the statistics' answer at that instant")
                .isEqualTo(count(question, subtree));

        batch.executeWithoutResult(status -> after.forEach(this::apply));
        var publication = new Restatements.Publication("p", "t", question, log.clock(), "leader", published, null,
                answer);
        MilestoneStatistics.Answer current = restatements.current(publication, subtree);
        List<Restatements.Change> changes = restatements.changes(publication, subtree);

        assertThat(changes.stream().mapToLong(Restatements.Change::projectsDelta).sum())
                .isEqualTo(current.projects() - answer.projects());
        assertThat(changes.stream().map(Restatements.Change::yuanDelta).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(current.plannedInvestmentYuan().subtract(answer.plannedInvestmentYuan()));
        assertThat(changes).allSatisfy(change -> {
            assertThat(change.cause().position()).isGreaterThan(published);
            assertThat(change.projectsDelta() != 0 || change.yuanDelta().signum() != 0).isTrue();
        });
    }

    @Provide
    Arbitrary<Restatements.Question> questions() {
        return Combinators.combine(Arbitraries.of(ASKED), Arbitraries.of(QUESTION_REGIONS),
                        Arbitraries.of("NEW_ENERGY").injectNull(0.6))
                .as((milestone, region, industry) -> new Restatements.Question(milestone, region, FROM, TO, industry,
                        null));
    }

    private MilestoneStatistics.Answer count(Restatements.Question q, Set<String> subtree) {
        return statistics.count(new MilestoneStatistics.Question(q.milestone(), subtree, q.from(), q.to(),
                q.industry(), q.sourceRegion(), null, null));
    }

    /** Applies the step as the aggregate would accept it, or not at all. */
    private void apply(HistoryStep step) {
        LocalDate day = FIRST_DAY.plusDays(step.day());
        Money amount = Money.ofYuan(BigDecimal.valueOf(step.cents(), 2));
        if (step.operation() == 0 || models.isEmpty()) {
            if (models.size() < 10) {
                Model model = new Model();
                model.region = PROJECT_REGIONS[step.choice() % PROJECT_REGIONS.length];
                model.industry = INDUSTRIES[step.choice() % INDUSTRIES.length];
                model.reached.put(Milestone.REGISTERED, day);
                models.add(model);
                record(model, new ProjectRegisteredEvent(model.id, null, "项目", "投资方", RegionCode.of(model.region),
                        IndustryCode.of(model.industry), null, amount, day, null, null, null));
            }
            return;
        }
        Model model = models.get(step.project() % models.size());
        if (model.voided || model.cancelled && step.operation() != 5 && step.operation() != 6) {
            return;
        }
        switch (step.operation()) {
            case 1 -> {
                if (!model.reached.containsKey(Milestone.SIGNED)) {
                    model.reached.put(Milestone.SIGNED, day);
                    record(model, new ProjectSignedEvent(model.id, day, step.choice() % 3 == 0 ? amount : null));
                }
            }
            case 2 -> {
                if (model.reached.containsKey(Milestone.SIGNED)
                        && !model.reached.containsKey(Milestone.CONSTRUCTION_STARTED)) {
                    model.reached.put(Milestone.CONSTRUCTION_STARTED, day);
                    record(model, new ConstructionStartedEvent(model.id, day));
                }
            }
            case 3 -> record(model, new PlannedInvestmentRevisedEvent(model.id, amount, "调整"));
            case 4 -> {
                Milestone which = model.reached.keySet().toArray(Milestone[]::new)[step.choice()
                        % model.reached.size()];
                LocalDate previous = model.reached.put(which, day);
                record(model, new MilestoneDateCorrectedEvent(model.id, which, previous, day, "更正日期"));
            }
            case 5 -> {
                String region = PROJECT_REGIONS[step.choice() % PROJECT_REGIONS.length];
                if (!region.equals(model.region)) {
                    record(model, new ProjectDetailsCorrectedEvent(model.id, null, null, null,
                            new Change(model.region, region), null, null, "区域更正"));
                    model.region = region;
                }
            }
            case 6 -> {
                String industry = INDUSTRIES[step.choice() % INDUSTRIES.length];
                if (!industry.equals(model.industry)) {
                    record(model, new ProjectDetailsCorrectedEvent(model.id, null, null,
                            new Change(model.industry, industry), null, null, null, "行业更正"));
                    model.industry = industry;
                }
            }
            case 7 -> {
                model.voided = true;
                record(model, new ProjectVoidedEvent(model.id, "重复录入"));
            }
            default -> {
                model.cancelled = true;
                record(model, new ProjectCancelledEvent(model.id, "撤资"));
            }
        }
    }

    private void record(Model model, Object event) {
        RecordedEvents.project(projections, log.next(model.id, model.version++, event));
    }
}
