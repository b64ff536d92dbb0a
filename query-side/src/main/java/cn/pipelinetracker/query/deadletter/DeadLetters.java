package cn.pipelinetracker.query.deadletter;

import cn.pipelinetracker.platform.web.ProblemException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;

/**
 * The events each projection has parked in its dead-letter queue (docs/decisions/0013-dead-letters-and-recovery.md), and what an
 * administrator does about them: retry a project's parked events (after the cause is mended), or skip the first of
 * them — a decision recorded with who made it and why — and let the rest of that project's events through.
 */
@Service
public class DeadLetters {

    /** One parked event. {@code position} is its place in the log. */
    public record Parked(String id, String processingGroup, String projectId, long sequenceIndex, Long position,
                         String eventType, String eventId, Instant enqueuedAt, String cause) {
    }

    /** An event an administrator chose to skip. */
    public record Skipped(String id, String processingGroup, String projectId, String eventType, String eventId,
                          String skippedBy, Instant skippedAt, String reason) {
    }

    /** What a retry or skip left behind: how many of the project's events are still parked in that group. */
    public record Outcome(String processingGroup, String projectId, long stillParked) {
    }

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final JdbcClient jdbc;
    private final EventProcessingConfiguration processing;
    private final TransactionTemplate transaction;

    public DeadLetters(JdbcClient jdbc, EventProcessingConfiguration processing, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.transaction = transaction;
    }

    public List<Parked> parked() {
        return jdbc.sql("""
                        SELECT d.dead_letter_identifier, d.processing_group, d.sequence_identifier, d.sequence_index,
                               e.global_index, d.payload_type, d.event_identifier, d.enqueued_at,
                               COALESCE(d.cause_type || ': ', '') || COALESCE(d.cause_message, '')
                        FROM dead_letter_entry d
                        LEFT JOIN domain_event_entry e ON e.event_identifier = d.event_identifier
                        ORDER BY d.processing_group, d.sequence_identifier, d.sequence_index""")
                .query((rs, row) -> new Parked(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        (Long) rs.getObject(5), simpleName(rs.getString(6)), rs.getString(7),
                        Instant.parse(rs.getString(8)), rs.getString(9)))
                .list();
    }

    public List<Skipped> skipped() {
        return jdbc.sql("""
                        SELECT dead_letter_identifier, processing_group, project_id, event_type, event_identifier,
                               skipped_by, skipped_at, reason
                        FROM dead_letter_skip ORDER BY skipped_at""")
                .query((rs, row) -> new Skipped(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8)))
                .list();
    }

    /** Hands the project's parked events of that group to the projection again, in order, from the first. */
    public Outcome retry(String id) {
        Parked letter = find(id);
        Parked first = firstOfSequence(letter);
        boolean handled = processing.sequencedDeadLetterProcessor(letter.processingGroup()).orElseThrow()
                .process(candidate -> isLetter(candidate, first.id()));
        log.info("Dead letters of project {} in {} retried: {}", letter.projectId(), letter.processingGroup(),
                handled ? "handled" : "still failing");
        return outcome(letter);
    }

    /** Drops the project's first parked event from that group, records why, and retries the rest of them. */
    public Outcome skip(String id, String actor, String reason) {
        Parked letter = find(id);
        Parked first = firstOfSequence(letter);
        if (!first.id().equals(letter.id())) {
            throw new ProblemException(HttpStatus.CONFLICT, "dead-letter-not-first", "Not the first parked event",
                    "Project " + letter.projectId() + " has earlier parked events in " + letter.processingGroup()
                    + "; skip " + first.id() + " first (events are applied in order)");
        }
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(letter.processingGroup())
                .orElseThrow();
        for (DeadLetter<? extends EventMessage<?>> parked : queue.deadLetterSequence(letter.projectId())) {
            if (isLetter(parked, letter.id())) {
                // the decision and the eviction together: a second skip of the same letter finds it gone
                transaction.executeWithoutResult(status -> {
                    jdbc.sql("""
                                    INSERT INTO dead_letter_skip (dead_letter_identifier, processing_group, project_id,
                                        event_type, event_identifier, skipped_by, reason)
                                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                            .params(letter.id(), letter.processingGroup(), letter.projectId(), letter.eventType(),
                                    letter.eventId(), actor, reason)
                            .update();
                    queue.evict(parked);
                });
                log.warn("Dead letter {} ({} of project {}) skipped in {} by {}: {}", letter.id(), letter.eventType(),
                        letter.projectId(), letter.processingGroup(), actor, reason);
                break;
            }
        }
        if (queue.contains(letter.projectId())) {
            retry(firstOfSequence(letter.projectId(), letter.processingGroup()).id());
        }
        return outcome(letter);
    }

    private Outcome outcome(Parked letter) {
        long still = jdbc.sql("SELECT count(*) FROM dead_letter_entry WHERE processing_group = ? "
                        + "AND sequence_identifier = ?")
                .params(letter.processingGroup(), letter.projectId()).query(Long.class).single();
        return new Outcome(letter.processingGroup(), letter.projectId(), still);
    }

    private Parked find(String id) {
        return parked().stream().filter(letter -> letter.id().equals(id)).findFirst()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "dead-letter-not-found",
                        "Dead letter not found", "No parked event with id " + id));
    }

    private Parked firstOfSequence(Parked letter) {
        return firstOfSequence(letter.projectId(), letter.processingGroup());
    }

    private Parked firstOfSequence(String projectId, String processingGroup) {
        return parked().stream()
                .filter(other -> other.processingGroup().equals(processingGroup)
                        && other.projectId().equals(projectId))
                .findFirst().orElseThrow();
    }

    private static boolean isLetter(DeadLetter<?> letter, String id) {
        return letter instanceof JdbcDeadLetter<?> stored && stored.getIdentifier().equals(id);
    }

    private static String simpleName(String payloadType) {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }
}
