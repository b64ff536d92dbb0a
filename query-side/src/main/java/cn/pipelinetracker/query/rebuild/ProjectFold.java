package cn.pipelinetracker.query.rebuild;

import org.axonframework.eventhandling.DomainEventMessage;

import java.util.List;
import java.util.Map;

/**
 * A projection's effect on its tables, folded over one project's whole history at once: what the set-based rebuild
 * loads instead of replaying the project's events one statement at a time (decision 0009). Each fold mirrors its
 * projection's handlers; {@code SetBasedRebuildTest} rebuilds a rich random history both ways and requires the tables
 * to be equal row for row, so the two cannot drift apart silently.
 */
public interface ProjectFold {

    /** The processing group whose dead-letter decisions apply, as for the projection's handlers. */
    String group();

    /** Each table the fold fills, with its columns in the order {@link Rows#add} gives the values. */
    Map<String, List<String>> columns();

    /**
     * Folds one project's events, in the order of the log, into rows. The events the projection leaves out (skipped
     * by an administrator, or parked) are not among them.
     */
    void fold(List<LoggedEvent> events, Rows rows);

    /** An event of the log with its position. */
    record LoggedEvent(long position, DomainEventMessage<?> message) {

        public Object payload() {
            return message.getPayload();
        }

        /** The project version this event makes (its sequence number + 1), as every projection records it. */
        public long version() {
            return message.getSequenceNumber() + 1;
        }
    }

    /** Where folded rows go. */
    interface Rows {

        void add(String table, Object... values);
    }
}
