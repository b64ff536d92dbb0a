package cn.pipelinetracker.command.publication;

import cn.pipelinetracker.command.handling.CommandEnvelope;
import cn.pipelinetracker.command.handling.CommandOutcome;
import cn.pipelinetracker.command.handling.Commands;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Publishes figures: each answered at a fully processed head of the log ({@link PublishedAnswers}), then recorded
 * through {@link Commands} — several at once all or none. What is answered is read back from the stored events, so a
 * retried request (same idempotency key) answers exactly what the first one published.
 */
@Service
public class Publications {

    /** A figure to publish: its title and question. */
    public record Figure(String title, PublishedAnswers.Question question) {
    }

    public record AnswerView(long projects, BigDecimal plannedInvestmentYuan) {
    }

    /** What a publication answers: the contract's {@code {publicationId, publishedAt, position, answer}}. */
    public record Published(String publicationId, Instant publishedAt, long position, AnswerView answer) {
    }

    private final Commands commands;
    private final PublishedAnswers answers;
    private final JdbcClient jdbc;

    public Publications(Commands commands, PublishedAnswers answers, JdbcClient jdbc) {
        this.commands = commands;
        this.answers = answers;
        this.jdbc = jdbc;
    }

    /**
     * Publishes the figures, all or none; {@code periodId} names the closed month they are the figures of (or is
     * null); {@code envelope} wraps each command as its caller sends it.
     */
    public List<Published> publish(List<Figure> figures, String periodId, Function<Object, CommandEnvelope> envelope) {
        List<CommandEnvelope> group = new ArrayList<>();
        for (Figure figure : figures) {
            PublishedAnswers.Question q = figure.question();
            PublishedAnswers.Answer answer = answers.answer(q);
            group.add(envelope.apply(new PublishFigureCommand(UUID.randomUUID().toString(), figure.title(),
                    q.milestone(), q.regionCode(), q.from(), q.to(), q.industry(), q.sourceRegion(), answer.projects(),
                    answer.plannedInvestmentYuan(), answer.position(), periodId)));
        }
        return commands.handleGroup(group).stream().map(this::stored).toList();
    }

    private Published stored(CommandOutcome outcome) {
        return jdbc.sql("""
                        SELECT e.time_stamp, (p ->> 'projects')::bigint, (p ->> 'plannedInvestmentYuan')::numeric,
                               (p ->> 'position')::bigint
                        FROM domain_event_entry e, CAST(convert_from(e.payload, 'UTF8') AS jsonb) p
                        WHERE e.global_index = ?""")
                .param(outcome.position())
                .query((rs, row) -> new Published(outcome.aggregateId(), Instant.parse(rs.getString(1)),
                        rs.getLong(4), new AnswerView(rs.getLong(2), rs.getBigDecimal(3))))
                .single();
    }
}
