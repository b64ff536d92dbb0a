package cn.pipelinetracker.query.audit;

import cn.pipelinetracker.platform.audit.CheckpointSigner;
import cn.pipelinetracker.platform.audit.EventChain;
import cn.pipelinetracker.platform.audit.EventChain.StoredEvent;
import cn.pipelinetracker.platform.audit.PublicChain;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes the tamper-evidence chain over the whole log, streaming (a database cursor; memory does not grow with
 * the log):
 * <ol>
 *     <li>each aggregate's events in sequence order: every event has its hashes under both schemes, sequences follow
 *     each other without a hole, and each hash recomputes from the event as stored and the previous hash; a hash whose
 *     event is gone names the deleted position;</li>
 *     <li>the global log in position order: the running hashes and event count at each checkpoint match, its HMAC
 *     signature and every Ed25519 signature are right — this catches whole aggregates deleted with their hashes;</li>
 *     <li>no event settled more than two checkpoint intervals ago lies beyond the newest checkpoint — this catches
 *     checkpoints deleted to hide a deletion;</li>
 *     <li>the anchor file, if one is configured, and the database's checkpoints agree.</li>
 * </ol>
 */
@Component
public class ChainVerifier {

    /** The contract's verdict; {@code reason} says in a few words what is wrong at the first invalid position. */
    public record Verdict(long events, boolean valid, Long firstInvalidPosition, String reason) {
    }

    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final EventChain chain;
    private final AnchorFile anchor;
    private final Duration checkpointInterval;

    public ChainVerifier(DataSource dataSource, TransactionTemplate transaction, EventChain chain, AnchorFile anchor,
                         @Value("${pipeline.audit.checkpoint-interval:PT1M}") Duration checkpointInterval) {
        this.checkpointInterval = checkpointInterval;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transaction.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.chain = chain;
        this.anchor = anchor;
    }

    public Verdict verify() {
        return readOnly.execute(status -> {
            FirstInvalid first = new FirstInvalid();
            long events = verifyAggregateChains(first);
            first.consider(jdbc.query("""
                    SELECT min(h.global_index) FROM event_hash h
                    WHERE NOT EXISTS (SELECT 1 FROM domain_event_entry e WHERE e.global_index = h.global_index)""",
                    (rs, row) -> (Long) rs.getObject(1)).get(0), "a hash whose event is gone");
            verifyCheckpoints(first);
            first.consider(firstEventNoCheckpointCovers(), "events long settled that no checkpoint covers");
            if (anchor.configured()) {
                compareWithAnchor(first);
            }
            return new Verdict(events, first.position == null, first.position, first.reason);
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

    private long verifyAggregateChains(FirstInvalid first) {
        long[] count = {0};
        String[] previousAggregate = {null};
        long[] previousSequence = {-1};
        String[] previousHash = {null};
        String[] previousPublicHash = {null};
        jdbc.query("SELECT " + EventChain.STORED_EVENT_COLUMNS + """
                , h.hash, h.public_hash, h.aggregate_identifier AS hash_aggregate, h.sequence_number AS hash_sequence
                FROM domain_event_entry e LEFT JOIN event_hash h ON h.global_index = e.global_index
                ORDER BY e.aggregate_identifier, e.sequence_number""", rs -> {
            count[0]++;
            StoredEvent event = StoredEvent.read(rs);
            String stored = rs.getString("hash");
            String storedPublic = rs.getString("public_hash");
            boolean sameAggregate = event.aggregateId().equals(previousAggregate[0]);
            long expectedSequence = sameAggregate ? previousSequence[0] + 1 : 0;
            boolean intact = stored != null
                    && event.aggregateId().equals(rs.getString("hash_aggregate"))
                    && event.sequence() == rs.getLong("hash_sequence")
                    && event.sequence() == expectedSequence
                    && stored.equals(chain.hashOf(event, sameAggregate ? previousHash[0] : null));
            if (!intact) {
                first.consider(event.position(), "the event's scheme-1 hash does not recompute or its stream has a hole");
            } else if (storedPublic == null || !storedPublic.equals(PublicChain.eventHash(
                    event.publicFields(sameAggregate ? previousPublicHash[0] : null)))) {
                first.consider(event.position(), "the event's scheme-2 hash is missing or does not recompute");
            }
            previousAggregate[0] = event.aggregateId();
            previousSequence[0] = event.sequence();
            previousHash[0] = stored;
            previousPublicHash[0] = storedPublic;
        });
        return count[0];
    }

    private void verifyCheckpoints(FirstInvalid first) {
        List<CheckpointWalk.Checkpoint> checkpoints = CheckpointWalk.Checkpoint.all(jdbc);
        Map<String, String> keys = new HashMap<>();
        jdbc.query("SELECT key_id, public_key FROM audit_signing_key", rs -> {
            keys.put(rs.getString(1), rs.getString(2));
        });
        Map<Long, CheckpointWalk.Checkpoint> byPosition = new HashMap<>();
        for (CheckpointWalk.Checkpoint checkpoint : checkpoints) {
            byPosition.put(checkpoint.position(), checkpoint);
            if (!chain.sign(checkpoint.position(), checkpoint.events(), checkpoint.chainHash())
                    .equals(checkpoint.signature())) {
                first.consider(checkpoint.position(), "a checkpoint's HMAC signature is wrong");
            }
        }
        // every Ed25519 signature verifies with its registered key, and every checkpoint has one
        Set<Long> signed = new HashSet<>();
        jdbc.query("SELECT position, key_id, signature FROM audit_checkpoint_signature", rs -> {
            CheckpointWalk.Checkpoint checkpoint = byPosition.get(rs.getLong(1));
            if (checkpoint == null) {
                return; // a checkpoint deleted: the walk and the overdue check name what it covered
            }
            String key = keys.get(rs.getString(2));
            if (checkpoint.publicChainHash() != null && key != null && CheckpointSigner.verify(key,
                    checkpoint.position(), checkpoint.events(), checkpoint.publicChainHash(), rs.getString(3))) {
                signed.add(checkpoint.position());
            } else {
                first.consider(checkpoint.position(), "a checkpoint's Ed25519 signature is wrong");
            }
        });
        for (CheckpointWalk.Checkpoint checkpoint : checkpoints) {
            if (!signed.contains(checkpoint.position())) {
                first.consider(checkpoint.position(), "a checkpoint has no Ed25519 signature");
            }
        }
        long[] lastGood = {0};
        CheckpointWalk.walk(jdbc, checkpoints, (checkpoint, sum) -> {
            // a checkpoint that does not match: something at or before it, after the last good one, is gone or changed
            if (sum.matchesScheme1(checkpoint) && sum.publicChainHash() != null
                    && sum.publicChainHash().equals(checkpoint.publicChainHash())) {
                lastGood[0] = checkpoint.position();
            } else {
                first.consider(lastGood[0] + 1, "the log does not add up to the checkpoint at position "
                        + checkpoint.position());
            }
            return true;
        });
    }

    /**
     * Every anchored signature is in the database as it was anchored, and every checkpoint since the first anchored
     * one was anchored.
     */
    private void compareWithAnchor(FirstInvalid first) {
        if (!anchor.exists()) {
            first.consider(jdbc.queryForObject("SELECT max(position) FROM audit_checkpoint", Long.class),
                    "the anchor file " + anchor.path() + " is missing");
            return;
        }
        // the database's signed checkpoints, read once, then held against the file line by line and back
        Map<String, AnchorFile.Entry> stored = new HashMap<>();
        jdbc.query(AnchorFile.Entry.SELECT, rs -> {
            AnchorFile.Entry entry = AnchorFile.Entry.of(rs);
            stored.put(entry.position() + "/" + entry.keyId(), entry);
        });
        Long[] firstAnchored = {null};
        Set<String> anchored = new HashSet<>();
        anchor.read(entry -> {
            if (entry == null) {
                first.consider(firstAnchored[0] == null ? 1 : firstAnchored[0], "the anchor file has a line that is "
                        + "not a checkpoint");
                return;
            }
            if (firstAnchored[0] == null) {
                firstAnchored[0] = entry.position();
            }
            String key = entry.position() + "/" + entry.keyId();
            anchored.add(key);
            if (!entry.equals(stored.get(key))) {
                first.consider(entry.position(), "the checkpoint at position " + entry.position()
                        + " differs from the anchor file, or is gone");
            }
        });
        if (firstAnchored[0] != null) {
            stored.forEach((key, entry) -> {
                if (entry.position() >= firstAnchored[0] && !anchored.contains(key)) {
                    first.consider(entry.position(), "the checkpoint at position " + entry.position()
                            + " is not in the anchor file");
                }
            });
        }
    }

    private static final class FirstInvalid {
        private Long position;
        private String reason;

        void consider(Long candidate, String why) {
            if (candidate != null && (position == null || candidate < position)) {
                position = candidate;
                reason = why;
            }
        }
    }
}
