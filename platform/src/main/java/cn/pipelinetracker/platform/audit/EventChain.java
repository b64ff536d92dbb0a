package cn.pipelinetracker.platform.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.crypto.Mac;
import javax.sql.DataSource;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The tamper-evidence chain. Scheme 1: each event's hash is an HMAC over the canonical form of the event (aggregate,
 * sequence, position, type and revision, recorded time, and digests of its payload and metadata exactly as stored)
 * and the hash of the aggregate's previous event (docs/decisions/0008-tamper-evidence.md). Scheme 2 ({@link
 * PublicChain}, keyless, recomputable from an export) is sealed beside it; events sealed before scheme 2 existed get
 * their scheme-2 hash once their HMAC verifies ({@link #backfill}; docs/decisions/0021-independent-verification.md).
 */
public class EventChain {

    /** An event as stored, with what the chain covers. */
    public record StoredEvent(long position, String aggregateId, long sequence, String payloadType,
                              String payloadRevision, String timestamp, byte[] payload, byte[] metaData,
                              String storedAggregateType) {

        /** What the scheme-2 hash covers, given the aggregate's previous scheme-2 hash. */
        public PublicChain.EventFields publicFields(String previousPublicHash) {
            return new PublicChain.EventFields(previousPublicHash, PublicChain.aggregateType(storedAggregateType),
                    aggregateId, sequence, position, PublicChain.type(payloadType), PublicChain.recordedAt(timestamp),
                    payload, metaData);
        }

        public static StoredEvent read(ResultSet rs) throws SQLException {
            return new StoredEvent(rs.getLong("global_index"), rs.getString("aggregate_identifier"),
                    rs.getLong("sequence_number"), rs.getString("payload_type"), rs.getString("payload_revision"),
                    rs.getString("time_stamp"), rs.getBytes("payload"), rs.getBytes("meta_data"),
                    rs.getString("type"));
        }
    }

    /** The columns {@link StoredEvent#read} reads, of {@code domain_event_entry e}. */
    public static final String STORED_EVENT_COLUMNS = "e.global_index, e.aggregate_identifier, e.sequence_number, "
            + "e.payload_type, e.payload_revision, e.time_stamp, e.payload, e.meta_data, e.type";

    private static final Logger log = LoggerFactory.getLogger(EventChain.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final char SEPARATOR = '\u001f';

    private final JdbcClient jdbc;
    private final byte[] key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    /** Reads (or, the first time, creates) the key at start-up, outside any request's transaction. */
    public EventChain(JdbcClient jdbc, String configuredKey) {
        this.jdbc = jdbc;
        String configured = configuredKey == null || configuredKey.isBlank() ? null : configuredKey.strip();
        this.key = (configured != null ? configured : storedKey()).getBytes(StandardCharsets.UTF_8);
    }

    /** The hash of an event, given the hash of its project's previous event (null for the first). */
    public String hashOf(StoredEvent event, String previousHash) {
        return hashOf(event, previousHash, PublicChain.sha256(event.payload()), PublicChain.sha256(event.metaData()));
    }

    private String hashOf(StoredEvent event, String previousHash, String payloadDigest, String metaDataDigest) {
        String canonical = String.join(String.valueOf(SEPARATOR),
                previousHash == null ? "" : previousHash,
                event.aggregateId(),
                Long.toString(event.sequence()),
                Long.toString(event.position()),
                event.payloadType(),
                event.payloadRevision() == null ? "" : event.payloadRevision(),
                event.timestamp(),
                payloadDigest,
                metaDataDigest);
        return hmac(canonical);
    }

    /** The signature of a checkpoint. */
    public String sign(long position, long events, String chainHash) {
        return hmac("checkpoint" + SEPARATOR + position + SEPARATOR + events + SEPARATOR + chainHash);
    }

    /** Seals one aggregate's unsealed events ({@link #seal(Collection)}). */
    public List<StoredEvent> seal(String aggregateId) {
        return seal(List.of(aggregateId));
    }

    /**
     * Hashes the aggregates' events that have no hash yet under both schemes, chaining each to the one before. Runs in
     * the transaction that appended them, so events and hashes commit together. Two round trips however many events
     * and aggregates: one read of the unsealed events, with the hashes of the event before the first of each
     * aggregate, and one insert of the hashes. Returns the events it sealed in the order they were appended.
     */
    public List<StoredEvent> seal(Collection<String> aggregateIds) {
        if (aggregateIds.isEmpty()) {
            return List.of();
        }
        List<Unsealed> unsealed = jdbc.sql("SELECT " + STORED_EVENT_COLUMNS + """
                        , before.hash AS previous_hash, before.public_hash AS previous_public_hash,
                          before.global_index IS NOT NULL AS has_previous
                        FROM domain_event_entry e
                        LEFT JOIN event_hash before ON before.aggregate_identifier = e.aggregate_identifier
                                                   AND before.sequence_number = e.sequence_number - 1
                        WHERE e.aggregate_identifier = ANY (?)
                          AND NOT EXISTS (SELECT 1 FROM event_hash h WHERE h.global_index = e.global_index)
                        ORDER BY e.global_index""")
                .param(aggregateIds.toArray(String[]::new))
                .query((rs, row) -> new Unsealed(StoredEvent.read(rs), rs.getString("previous_hash"),
                        rs.getString("previous_public_hash"), rs.getBoolean("has_previous")))
                .list();
        if (unsealed.isEmpty()) {
            return List.of();
        }
        // an aggregate's first unsealed event follows the stored hashes (none before sequence 0); each later one, the
        // hashes sealed now. A previous event still waiting for its scheme-2 hash (sealed under scheme 1 only) leaves
        // the events after it waiting too.
        Map<String, Unsealed> previousOf = new HashMap<>();
        int count = unsealed.size();
        Long[] positions = new Long[count];
        String[] aggregates = new String[count];
        Long[] sequences = new Long[count];
        String[] hashes = new String[count];
        String[] publicHashes = new String[count];
        for (int i = 0; i < count; i++) {
            Unsealed next = unsealed.get(i);
            StoredEvent event = next.event();
            Unsealed before = previousOf.get(event.aggregateId());
            String previous = before == null ? next.previousHash() : before.previousHash();
            boolean publicKnown = before == null ? !next.hasPrevious() || next.previousPublicHash() != null
                    : before.previousPublicHash() != null;
            String previousPublic = before == null ? next.previousPublicHash() : before.previousPublicHash();
            // both schemes cover the same digests of payload and metadata: taken once
            String payloadDigest = PublicChain.sha256(event.payload());
            String metaDataDigest = PublicChain.sha256(event.metaData());
            String hash = hashOf(event, previous, payloadDigest, metaDataDigest);
            String publicHash = publicKnown ? PublicChain.eventHash(event.publicFields(previousPublic), payloadDigest,
                    metaDataDigest) : null;
            // what the aggregate's next event chains to
            previousOf.put(event.aggregateId(), new Unsealed(event, hash, publicHash, true));
            positions[i] = event.position();
            aggregates[i] = event.aggregateId();
            sequences[i] = event.sequence();
            hashes[i] = hash;
            publicHashes[i] = publicHash;
        }
        jdbc.sql("""
                        INSERT INTO event_hash (global_index, aggregate_identifier, sequence_number, hash, public_hash,
                                                sealed_scheme)
                        SELECT position, aggregate, sequence, hash, public_hash, ?
                        FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[])
                             AS sealed (position, aggregate, sequence, hash, public_hash)""")
                .params(PublicChain.SCHEME, positions, aggregates, sequences, hashes, publicHashes)
                .update();
        return unsealed.stream().map(Unsealed::event).toList();
    }

    /**
     * Gives every event that has no scheme-2 hash yet its scheme-2 hash, once its scheme-1 hash verifies with the key
     * (and the one before it in its aggregate did): history is never rewritten, the new hash is recorded beside the
     * old. An aggregate whose scheme-1 chain breaks keeps no scheme-2 hash from the break on, so verify reports it.
     * Deterministic and idempotent, and serialised by an advisory lock: safe while other processes run or backfill.
     * Returns how many events got their scheme-2 hash.
     */
    public long backfill(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                long filled = backfill(connection);
                connection.commit();
                return filled;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not give old events their scheme-2 hash: " + e.getMessage(), e);
        }
    }

    private long backfill(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, BACKFILL_LOCK);
            lock.execute();
        }
        long filled = 0;
        try (PreparedStatement select = connection.prepareStatement("SELECT " + STORED_EVENT_COLUMNS + """
                     , h.hash, h.public_hash FROM domain_event_entry e JOIN event_hash h ON h.global_index = e.global_index
                     WHERE e.aggregate_identifier IN (SELECT aggregate_identifier FROM event_hash WHERE public_hash IS NULL)
                     ORDER BY e.aggregate_identifier, e.sequence_number""");
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE event_hash SET public_hash = ? WHERE global_index = ? AND public_hash IS NULL")) {
            select.setFetchSize(1000);
            String aggregate = null;
            long expectedSequence = 0;
            String previous = null;
            String previousPublic = null;
            boolean broken = false;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    StoredEvent event = StoredEvent.read(rs);
                    if (!event.aggregateId().equals(aggregate)) {
                        aggregate = event.aggregateId();
                        expectedSequence = 0;
                        previous = null;
                        previousPublic = null;
                        broken = false;
                    }
                    String stored = rs.getString("hash");
                    String publicHash = rs.getString("public_hash");
                    if (publicHash == null && !broken) {
                        if (event.sequence() == expectedSequence && stored.equals(hashOf(event, previous))) {
                            publicHash = PublicChain.eventHash(event.publicFields(previousPublic));
                            update.setString(1, publicHash);
                            update.setLong(2, event.position());
                            update.addBatch();
                            filled++;
                            if (filled % 1000 == 0) {
                                update.executeBatch();
                            }
                        } else {
                            broken = true;
                            log.error("The event at position {} ({} {}) does not verify under scheme 1: it and the "
                                    + "later events of its aggregate get no scheme-2 hash", event.position(),
                                    event.storedAggregateType(), aggregate);
                        }
                    }
                    expectedSequence = event.sequence() + 1;
                    previous = stored;
                    previousPublic = publicHash;
                }
            }
            update.executeBatch();
        }
        if (filled > 0) {
            log.info("{} events sealed under scheme 1 verified with the key and given their scheme-2 hash", filled);
        }
        return filled;
    }

    private static final long BACKFILL_LOCK = 0x5049_5045_5055_424cL; // "PIPEPUBL"

    private record Unsealed(StoredEvent event, String previousHash, String previousPublicHash, boolean hasPrevious) {
    }

    private String hmac(String canonical) {
        return HEX.formatHex(macs.get().doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /** An initialised HMAC per thread: verify hashes the whole log, and Mac instances are not thread-safe. */
    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Without a configured key, one generated by the first process and kept in the database (weaker; logged). */
    private String storedKey() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        jdbc.sql("INSERT INTO audit_key (id, key) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")
                .param(HEX.formatHex(random)).update();
        log.warn("No pipeline.audit.key configured: the tamper-evidence chain uses a key kept in the database itself. "
                + "It detects edits made without knowledge of that key; configure pipeline.audit.key (the same "
                + "secret on every process) to detect edits by anyone who can read the database too.");
        return jdbc.sql("SELECT key FROM audit_key WHERE id = 1").query(String.class).single();
    }

}
