package cn.pipelinetracker.platform.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Hash scheme 2 of the tamper-evidence chain: keyless, so anyone holding an export can recompute it. Every value
 * below is exactly the value of the export line's field of the same name, and the whole scheme is specified in
 * docs/decisions/0021-independent-verification.md (the script in docs/ is a second implementation of it).
 */
public final class PublicChain {

    public static final int SCHEME = 2;
    static final String EVENT_TAG = "pipeline-tracker/event/2";
    static final String CHECKPOINT_TAG = "pipeline-tracker/checkpoint/2";
    private static final char SEPARATOR = '\u001f';
    private static final HexFormat HEX = HexFormat.of();

    private PublicChain() {
    }

    /** What an event's scheme-2 hash covers: the export line's fields of these names. */
    public record EventFields(String previousHash, String aggregateType, String aggregateId, long sequence,
                              long position, String type, String recordedAt, byte[] payload, byte[] metadata) {
    }

    public static String eventHash(EventFields event) {
        return eventHash(event, sha256(event.payload()), sha256(event.metadata()));
    }

    /** The same, with the digests of payload and metadata already taken (scheme 1 covers the same digests). */
    static String eventHash(EventFields event, String payloadDigest, String metadataDigest) {
        return sha256(String.join(String.valueOf(SEPARATOR),
                EVENT_TAG,
                event.previousHash() == null ? "" : event.previousHash(),
                event.aggregateType(),
                event.aggregateId(),
                Long.toString(event.sequence()),
                Long.toString(event.position()),
                event.type(),
                event.recordedAt(),
                payloadDigest,
                metadataDigest));
    }

    /** The running hash of the global log after one more event (the same rule for both schemes' hashes). */
    public static String extend(String chainHash, long position, String eventHash) {
        return sha256((chainHash == null ? "" : chainHash) + SEPARATOR + position + SEPARATOR + eventHash);
    }

    /** The bytes a checkpoint's Ed25519 signature signs. */
    public static byte[] checkpointStatement(long position, long count, String chainHash) {
        return String.join(String.valueOf(SEPARATOR), CHECKPOINT_TAG, Long.toString(position), Long.toString(count),
                chainHash).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The contract's name for the kind of record an event belongs to, from the aggregate type Axon stores:
     * {@code PROJECT} for the investment project, the aggregate's own name in capitals for the others.
     */
    public static String aggregateType(String storedType) {
        return storedType == null || storedType.equals("InvestmentProject") ? "PROJECT"
                : storedType.toUpperCase(Locale.ROOT);
    }

    /** The event type as the audit log and the export name it: the payload class's simple name. */
    public static String type(String payloadType) {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }

    /** The recorded time as the audit log and the export give it. */
    public static String recordedAt(String storedTimestamp) {
        return Instant.parse(storedTimestamp).toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes == null ? new byte[0] : bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
