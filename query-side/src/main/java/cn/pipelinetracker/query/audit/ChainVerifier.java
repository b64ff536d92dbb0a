package cn.pipelinetracker.query.audit;

import cn.pipelinetracker.platform.audit.EventChain;
import cn.pipelinetracker.platform.audit.EventChain.StoredEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Deque;

/**
 * Recomputes the tamper-evidence chain over the whole log, streaming (a database cursor; memory does not grow with
 * the log), in two passes:
 * <ol>
 *     <li>each project's events in version order: every event has its hash, versions follow each other without a
 *     hole, and each hash recomputes from the event as stored and the previous hash; a hash whose event is gone
 *     names the deleted position;</li>
 *     <li>the global log in position order: the running hash and event count at each signed checkpoint match, and
 *     the signature is right — this catches whole projects deleted together with their hashes;</li>
 *     <li>no event settled more than two checkpoint intervals ago lies beyond the newest checkpoint — this catches
 *     checkpoints deleted to hide a deletion.</li>
 * </ol>
 */
@Component
public class ChainVerifier {

    public record Verdict(long events, boolean valid, Long firstInvalidPosition) {
    }

    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final EventChain chain;
    private final Duration checkpointInterval;

    public ChainVerifier(DataSource dataSource, TransactionTemplate transaction, EventChain chain,
                         @Value("${pipeline.audit.checkpoint-interval:PT1M}") Duration checkpointInterval) {
        this.checkpointInterval = checkpointInterval;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transaction.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.chain = chain;
    }

    public Verdict verify() {
        return readOnly.execute(status -> {
            FirstInvalid first = new FirstInvalid();
            long events = verifyProjectChains(first);
            first.consider(jdbc.query("""
                    SELECT min(h.global_index) FROM event_hash h
                    WHERE NOT EXISTS (SELECT 1 FROM domain_event_entry e WHERE e.global_index = h.global_index)""",
                    (rs, row) -> (Long) rs.getObject(1)).get(0));
            verifyCheckpoints(first);
            first.consider(firstEventNoCheckpointCovers());
            return new Verdict(events, first.position == null, first.position);
        });
    }

    /**
     * Checkpoints are written every interval over the events settled by then; an event settled more than two
     * intervals ago that no checkpoint covers means checkpoints were deleted (or none was ever written).
     */
    private Long firstEventNoCheckpointCovers() {
        long covered = jdbc.queryForObject("SELECT COALESCE(max(position), 0) FROM audit_checkpoint", Long.class);
        Instant overdue = Instant.now().minus(checkpointInterval.multipliedBy(2)).minus(Checkpoints.SETTLE);
        List<Object[]> next = jdbc.query("SELECT global_index, time_stamp FROM domain_event_entry "
                        + "WHERE global_index > ? ORDER BY global_index LIMIT 1",
                (rs, row) -> new Object[]{rs.getLong(1), rs.getString(2)}, covered);
        if (next.isEmpty() || Instant.parse((String) next.get(0)[1]).isAfter(overdue)) {
            return null;
        }
        return (Long) next.get(0)[0];
    }

    private long verifyProjectChains(FirstInvalid first) {
        long[] count = {0};
        String[] previousProject = {null};
        long[] previousSequence = {-1};
        String[] previousHash = {null};
        jdbc.query("""
                SELECT e.global_index, e.aggregate_identifier, e.sequence_number, e.payload_type, e.payload_revision,
                       e.time_stamp, e.payload, e.meta_data, h.hash, h.aggregate_identifier, h.sequence_number
                FROM domain_event_entry e LEFT JOIN event_hash h ON h.global_index = e.global_index
                ORDER BY e.aggregate_identifier, e.sequence_number""", rs -> {
            count[0]++;
            var event = new StoredEvent(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getBytes(7), rs.getBytes(8));
            String stored = rs.getString(9);
            boolean sameProject = event.aggregateId().equals(previousProject[0]);
            long expectedSequence = sameProject ? previousSequence[0] + 1 : 0;
            boolean intact = stored != null
                    && event.aggregateId().equals(rs.getString(10)) && event.sequence() == rs.getLong(11)
                    && event.sequence() == expectedSequence
                    && stored.equals(chain.hashOf(event, sameProject ? previousHash[0] : null));
            if (!intact) {
                first.consider(event.position());
            }
            previousProject[0] = event.aggregateId();
            previousSequence[0] = event.sequence();
            previousHash[0] = stored;
        });
        return count[0];
    }

    private void verifyCheckpoints(FirstInvalid first) {
        Deque<Checkpoint> checkpoints = new ArrayDeque<>(jdbc.query(
                "SELECT position, events, chain_hash, signature FROM audit_checkpoint ORDER BY position",
                (rs, row) -> new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4))));
        for (Checkpoint checkpoint : checkpoints) {
            if (!chain.sign(checkpoint.position(), checkpoint.events(), checkpoint.chainHash())
                    .equals(checkpoint.signature())) {
                first.consider(checkpoint.position());
            }
        }
        if (checkpoints.isEmpty()) {
            return;
        }
        long[] events = {0};
        String[] running = {null};
        long[] lastGood = {0};
        jdbc.query("""
                SELECT e.global_index, h.hash FROM domain_event_entry e JOIN event_hash h ON h.global_index = e.global_index
                WHERE e.global_index <= ? ORDER BY e.global_index""", rs -> {
            long position = rs.getLong(1);
            while (!checkpoints.isEmpty() && checkpoints.peek().position() < position) {
                check(checkpoints.poll(), events[0], running[0], lastGood, first);
            }
            events[0]++;
            running[0] = EventChain.extend(running[0], position, rs.getString(2));
        }, checkpoints.peekLast().position());
        while (!checkpoints.isEmpty()) {
            check(checkpoints.poll(), events[0], running[0], lastGood, first);
        }
    }

    /** A checkpoint that does not match: something at or before it, after the last good one, is gone or changed. */
    private static void check(Checkpoint checkpoint, long events, String running, long[] lastGood,
                              FirstInvalid first) {
        if (checkpoint.events() == events && checkpoint.chainHash().equals(running)) {
            lastGood[0] = checkpoint.position();
        } else {
            first.consider(lastGood[0] + 1);
        }
    }

    private record Checkpoint(long position, long events, String chainHash, String signature) {
    }

    private static final class FirstInvalid {
        private Long position;

        void consider(Long candidate) {
            if (candidate != null && (position == null || candidate < position)) {
                position = candidate;
            }
        }
    }
}
