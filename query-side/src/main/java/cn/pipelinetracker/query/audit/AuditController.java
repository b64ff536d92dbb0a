package cn.pipelinetracker.query.audit;

import cn.pipelinetracker.platform.audit.CheckpointSigner;
import cn.pipelinetracker.platform.audit.PublicChain;
import cn.pipelinetracker.platform.web.ProblemException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The contract's audit section: the global event log, and the verification of its tamper-evidence chain. */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = "application/json")
public class AuditController {

    static final int MAX_LIMIT = 10_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final JsonMapper json;
    private final ChainVerifier verifier;
    private final CheckpointSigner signer;
    private final AuditExport export;

    public AuditController(DataSource dataSource, TransactionTemplate transaction, JsonMapper json,
                           ChainVerifier verifier, CheckpointSigner signer, AuditExport export) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(500);
        this.readOnly = new TransactionTemplate(transaction.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.json = json;
        this.verifier = verifier;
        this.signer = signer;
        this.export = export;
    }

    /**
     * Events after a position, in position order, streamed from the event store as they are read. The filters beyond
     * the contract (for the audit page) are optional and only narrow the answer: by actor, aggregate type and id,
     * event type, and recorded time ({@code recordedFrom} inclusive, {@code recordedTo} exclusive).
     */
    @GetMapping("/events")
    ResponseEntity<StreamingResponseBody> events(@RequestParam(defaultValue = "0") long after,
                                                 @RequestParam(defaultValue = "100") int limit,
                                                 @RequestParam(required = false) String actor,
                                                 @RequestParam(required = false) String aggregateType,
                                                 @RequestParam(required = false) String aggregateId,
                                                 @RequestParam(required = false) String type,
                                                 @RequestParam(required = false) Instant recordedFrom,
                                                 @RequestParam(required = false) Instant recordedTo) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        StringBuilder where = new StringBuilder("e.global_index > ?");
        List<Object> params = new ArrayList<>(List.of(after));
        if (present(actor)) {
            where.append(" AND convert_from(e.meta_data, 'UTF8')::jsonb ->> 'actor' = ?");
            params.add(actor.strip());
        }
        if (present(aggregateType)) {
            where.append(" AND CASE WHEN e.type IS NULL OR e.type = 'InvestmentProject' THEN 'PROJECT' "
                    + "ELSE upper(e.type) END = ?");
            params.add(aggregateType.strip().toUpperCase(Locale.ROOT));
        }
        if (present(aggregateId)) {
            where.append(" AND e.aggregate_identifier = ?");
            params.add(aggregateId.strip());
        }
        if (present(type)) {
            where.append(" AND substring(e.payload_type from '[^.]*$') = ?");
            params.add(type.strip());
        }
        if (recordedFrom != null) {
            where.append(" AND e.time_stamp::timestamptz >= ?");
            params.add(Timestamp.from(recordedFrom));
        }
        if (recordedTo != null) {
            where.append(" AND e.time_stamp::timestamptz < ?");
            params.add(Timestamp.from(recordedTo));
        }
        params.add(limit);
        StreamingResponseBody body = out -> readOnly.executeWithoutResult(status -> {
            try (JsonGenerator generator = json.createGenerator(out)) {
                generator.writeStartArray();
                jdbc.query("""
                        SELECT e.global_index, e.aggregate_identifier, e.sequence_number, e.payload_type, e.time_stamp,
                               e.meta_data, e.payload, h.hash, e.type, h.public_hash
                        FROM domain_event_entry e LEFT JOIN event_hash h ON h.global_index = e.global_index
                        WHERE\s""" + where + " ORDER BY e.global_index LIMIT ?", rs -> {
                    generator.writeStartObject();
                    generator.writeNumberProperty("position", rs.getLong(1));
                    String kind = PublicChain.aggregateType(rs.getString(9));
                    boolean project = "PROJECT".equals(kind);
                    generator.writeStringProperty("aggregateType", kind);
                    generator.writeStringProperty("aggregateId", rs.getString(2));
                    generator.writeStringProperty("projectId", project ? rs.getString(2) : null);
                    if (project) {
                        generator.writeNumberProperty("version", rs.getLong(3) + 1);
                    } else {
                        generator.writeNullProperty("version");
                    }
                    generator.writeStringProperty("type", PublicChain.type(rs.getString(4)));
                    generator.writeStringProperty("recordedAt", PublicChain.recordedAt(rs.getString(5)));
                    byte[] metaData = rs.getBytes(6);
                    generator.writeStringProperty("actor", export.actor(metaData));
                    generator.writeName("data");
                    generator.writeRawValue(new String(rs.getBytes(7), StandardCharsets.UTF_8));
                    generator.writeStringProperty("hash", rs.getString(8));
                    generator.writeStringProperty("publicHash", rs.getString(10));
                    generator.writeEndObject();
                }, params.toArray());
                generator.writeEndArray();
            }
        });
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static boolean present(String filter) {
        return filter != null && !filter.isBlank();
    }

    @GetMapping("/verify")
    ChainVerifier.Verdict verify() {
        return verifier.verify();
    }

    /** A key that signs (or signed) checkpoints. */
    record PublicKey(String algorithm, String publicKey, String keyId) {
    }

    record PublicKeys(String algorithm, String publicKey, String keyId, List<PublicKey> previous) {
    }

    /** The key checkpoints are signed with now, and the keys that signed them before (newest first). */
    @GetMapping("/public-key")
    PublicKeys publicKey() {
        List<PublicKey> previous = jdbc.query("""
                        SELECT algorithm, public_key, key_id FROM audit_signing_key WHERE key_id <> ?
                        ORDER BY registered_at DESC, key_id""",
                (rs, row) -> new PublicKey(rs.getString(1), rs.getString(2), rs.getString(3)), signer.keyId());
        return new PublicKeys(CheckpointSigner.ALGORITHM, signer.publicKey(), signer.keyId(), previous);
    }

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson;charset=UTF-8");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    /** The log for verification without the server (docs/decisions/0021-independent-verification.md). */
    @GetMapping(path = "/export", produces = {"application/x-ndjson", "text/csv", "*/*"})
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) Long fromPosition,
                                                 @RequestParam(required = false) Long toPosition,
                                                 @RequestParam(defaultValue = "ndjson") String format) {
        if (fromPosition != null && fromPosition < 0) {
            throw ProblemException.invalidField("fromPosition", "must not be negative");
        }
        if (toPosition != null && toPosition < 0) {
            throw ProblemException.invalidField("toPosition", "must not be negative");
        }
        boolean csv = switch (format) {
            case "csv" -> true;
            case "ndjson", "jsonl" -> false;
            default -> throw ProblemException.invalidField("format", "must be ndjson or csv");
        };
        AuditExport.Range range = export.range(fromPosition, toPosition);
        StreamingResponseBody body = csv ? out -> export.csv(range, out) : out -> export.ndjson(range, out);
        return ResponseEntity.ok()
                .contentType(csv ? CSV : NDJSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(csv ? "audit-log.csv" : "audit-log.ndjson").build().toString())
                .body(body);
    }
}
