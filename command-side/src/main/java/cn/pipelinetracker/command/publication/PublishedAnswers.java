package cn.pipelinetracker.command.publication;

import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.Money;
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
import java.util.concurrent.locks.LockSupport;

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
    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(20);

    /** A milestone question, as the statistics endpoint takes it; industry and source region may be null. */
    public record Question(Milestone milestone, RegionCode regionCode, LocalDate from, LocalDate to,
                           IndustryCode industry, String sourceRegion) {
    }

    /** The answer to a question as of {@code position} of the log. */
    public record Answer(long projects, Money plannedInvestmentYuan, long position) {
    }

    private final JdbcClient jdbc;
    private final ProcessorTokens tokens;
    private final RegionTree regions;

    public PublishedAnswers(JdbcClient jdbc, Serializer serializer, RegionTree regions) {
        this.jdbc = jdbc;
        this.tokens = new ProcessorTokens(jdbc, serializer);
        this.regions = regions;
    }

    /** Answers at the head of the log, once the projection has processed all of it (at most 5 s, else a 503). */
    public Answer answer(Question question) {
        long head = tokens.head();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (head > 0 && !tokens.hasProcessed(PROCESSOR, head)) {
            if (System.nanoTime() > deadline) {
                throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "position-not-reached",
                        "Position not reached", Phrase.of("publication.answer-not-ready", "The statistics had not "
                        + "processed the log up to position " + head + " within " + LIMIT.toSeconds()
                        + " s; retry later", head, LIMIT.toSeconds()));
            }
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
