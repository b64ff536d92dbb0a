package cn.pipelinetracker.platform.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The tamper-evidence chain: each event's hash is an HMAC over the canonical form of the event (project, version,
 * position, type and revision, recorded time, and digests of its payload and metadata exactly as stored) and the
 * hash of the project's previous event. Checkpoints chain the event hashes in position order and are signed with the
 * same key. See docs/decisions/0008-tamper-evidence.md.
 */
public class EventChain {

    /** An event as stored, with what the chain covers. */
    public record StoredEvent(long position, String aggregateId, long sequence, String payloadType,
                              String payloadRevision, String timestamp, byte[] payload, byte[] metaData) {
    }

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
        String canonical = String.join(String.valueOf(SEPARATOR),
                previousHash == null ? "" : previousHash,
                event.aggregateId(),
                Long.toString(event.sequence()),
                Long.toString(event.position()),
                event.payloadType(),
                event.payloadRevision() == null ? "" : event.payloadRevision(),
                event.timestamp(),
                sha256(event.payload()),
                sha256(event.metaData()));
        return hmac(canonical);
    }

    /** The running hash of the global log after one more event. */
    public static String extend(String chainHash, long position, String eventHash) {
        return sha256((chainHash == null ? "" : chainHash) + SEPARATOR + position + SEPARATOR + eventHash);
    }

    /** The signature of a checkpoint. */
    public String sign(long position, long events, String chainHash) {
        return hmac("checkpoint" + SEPARATOR + position + SEPARATOR + events + SEPARATOR + chainHash);
    }

    /**
     * Hashes the project's events that have no hash yet, chaining each to the one before. Runs in the transaction
     * that appended them, so events and hashes commit together. Returns the events it sealed.
     */
    public List<StoredEvent> seal(String projectId) {
        // one round trip: the unsealed events with the hash of the event before the first of them
        List<Unsealed> unsealed = jdbc.sql("""
                        SELECT e.global_index, e.aggregate_identifier, e.sequence_number, e.payload_type,
                               e.payload_revision, e.time_stamp, e.payload, e.meta_data, before.hash
                        FROM domain_event_entry e
                        LEFT JOIN event_hash before ON before.aggregate_identifier = e.aggregate_identifier
                                                   AND before.sequence_number = e.sequence_number - 1
                        WHERE e.aggregate_identifier = ?
                          AND NOT EXISTS (SELECT 1 FROM event_hash h WHERE h.global_index = e.global_index)
                        ORDER BY e.sequence_number""")
                .param(projectId)
                .query((rs, row) -> new Unsealed(new StoredEvent(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getBytes(7), rs.getBytes(8)),
                        rs.getString(9)))
                .list();
        // the first event follows the stored hash (none before sequence 0); each later one, the hash sealed just now
        String previous = unsealed.isEmpty() ? null : unsealed.get(0).previousHash();
        for (Unsealed next : unsealed) {
            StoredEvent event = next.event();
            String hash = hashOf(event, previous);
            jdbc.sql("""
                            INSERT INTO event_hash (global_index, aggregate_identifier, sequence_number, hash)
                            VALUES (?, ?, ?, ?)""")
                    .params(event.position(), projectId, event.sequence(), hash)
                    .update();
            previous = hash;
        }
        return unsealed.stream().map(Unsealed::event).toList();
    }

    private record Unsealed(StoredEvent event, String previousHash) {
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

    private static String sha256(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes == null ? new byte[0] : bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
