package cn.pipelinetracker.command.publication;

import cn.pipelinetracker.events.ConstructionCompletedEvent;
import cn.pipelinetracker.events.ConstructionStartedEvent;
import cn.pipelinetracker.events.FigurePublishedEvent;
import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.MilestoneDateCorrectedEvent;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.PeriodClosedEvent;
import cn.pipelinetracker.events.PeriodReopenedEvent;
import cn.pipelinetracker.events.PlannedInvestmentRevisedEvent;
import cn.pipelinetracker.events.ProductionStartedEvent;
import cn.pipelinetracker.events.ProjectDetailsCorrectedEvent;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.ProjectVoidedEvent;
import cn.pipelinetracker.events.RegionCode;
import cn.pipelinetracker.platform.axon.ProcessorTokens;
import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.web.ProblemException;
import org.axonframework.serialization.Serializer;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The answer a publication states, computed where the query side would compute it — from its table of each project's
 * statistical state by log position, in the one database both sides share — at a head of the log its projection has
 * processed entirely (docs/decisions/0019-publications-and-close.md). The command side never calls the query side;
 * it reads the table through the SQL function the query side's migration defines.
 */
@Component
public class PublishedAnswers {

    /** The query side's processing group that keeps {@code publication_project_state}. */
    static final String PROCESSOR = "publication-facts";
    /**
     * The events that processor handles, by payload type. It stores no token for the others until it next handles an
     * event or extends its claim, so a head of the log that is such an event (a campaign's, an account's) is not
     * waited for. {@code PublicationsHttpTest} holds this list to the projection's handlers.
     */
    public static final Set<String> FIGURE_EVENTS = Stream.of(ProjectRegisteredEvent.class, ProjectSignedEvent.class,
                    ConstructionStartedEvent.class, ConstructionCompletedEvent.class, ProductionStartedEvent.class,
                    PlannedInvestmentRevisedEvent.class, MilestoneDateCorrectedEvent.class,
                    ProjectDetailsCorrectedEvent.class, ProjectVoidedEvent.class, FigurePublishedEvent.class,
                    PeriodClosedEvent.class, PeriodReopenedEvent.class)
            .map(Class::getName).collect(Collectors.toUnmodifiableSet());
    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(20);

    /** A milestone question, as the statistics endpoint takes it; industry and source region may be null. */
    public record Question(Milestone milestone, RegionCode regionCode, LocalDate from, LocalDate to,
                           IndustryCode industry, String sourceRegion) {
    }

    /** The answer to a question as of {@code position} of the log. */
    public record Answer(long projects, Money plannedInvestmentYuan, long position) {
    }

    private record Head(long position, String snapshot) {
    }

    private final JdbcClient jdbc;
    private final ProcessorTokens tokens;
    private final RegionTree regions;

    public PublishedAnswers(JdbcClient jdbc, Serializer serializer, RegionTree regions) {
        this.jdbc = jdbc;
        this.tokens = new ProcessorTokens(jdbc, serializer);
        this.regions = regions;
    }

    /**
     * The head of the log, once no event can still appear below it: positions are drawn before commit, so a
     * transaction in progress when the head is read may yet commit an event with a lower position. The head is read
     * with the database's snapshot, and returned when every transaction in progress then has ended; any later one
     * draws positions above it.
     */
    private long settledHead(long deadline) {
        Head head = jdbc.sql("SELECT COALESCE(max(global_index), 0), CAST(pg_current_snapshot() AS TEXT) "
                        + "FROM domain_event_entry")
                .query((rs, row) -> new Head(rs.getLong(1), rs.getString(2))).single();
        while (jdbc.sql("SELECT count(*) FROM pg_snapshot_xip(CAST(? AS pg_snapshot)) x "
                + "WHERE pg_xact_status(x) = 'in progress'").param(head.snapshot()).query(Long.class).single() > 0) {
            requireBefore(deadline, head.position());
            LockSupport.parkNanos(POLL.toNanos());
        }
        return head.position();
    }

    private static void requireBefore(long deadline, long head) {
        if (System.nanoTime() > deadline) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "position-not-reached",
                    "Position not reached", Phrase.of("publication.answer-not-ready", "The statistics had not "
                    + "processed the log up to position " + head + " within " + LIMIT.toSeconds()
                    + " s; retry later", head, LIMIT.toSeconds()));
        }
    }

    /** Answers at the head of the log, once the projection has processed all of it (at most 5 s, else a 503). */
    public Answer answer(Question question) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        long head = settledHead(deadline);
        while (head > 0 && !tokens.hasProcessed(PROCESSOR, head, FIGURE_EVENTS::contains)) {
            requireBefore(deadline, head);
            LockSupport.parkNanos(POLL.toNanos());
        }
        return jdbc.sql("SELECT projects, planned_investment_yuan FROM publication_answer(?, ?, ?, ?, ?, ?, ?)")
                .params(question.milestone().name(),
                        regions.subtree(question.regionCode().value()).toArray(String[]::new),
                        question.from(), question.to(),
                        question.industry() == null ? null : question.industry().value(),
                        question.sourceRegion(), head)
                .query((rs, row) -> new Answer(rs.getLong(1), Money.ofYuan(rs.getBigDecimal(2)), head))
                .single();
    }
}
