package cn.pipelinetracker.query.audit;

import cn.pipelinetracker.platform.axon.MetaDataKeys;
import cn.pipelinetracker.platform.web.ProblemException;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/** The contract's audit section: the global event log, and the verification of its tamper-evidence chain. */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = "application/json")
public class AuditController {

    private static final String PROJECT = "PROJECT";

    static final int MAX_LIMIT = 10_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final JsonMapper json;
    private final ChainVerifier verifier;

    public AuditController(DataSource dataSource, TransactionTemplate transaction, JsonMapper json,
                           ChainVerifier verifier) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(500);
        this.readOnly = new TransactionTemplate(transaction.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.json = json;
        this.verifier = verifier;
    }

    /** Events after a position, in position order, streamed from the event store as they are read. */
    @GetMapping("/events")
    ResponseEntity<StreamingResponseBody> events(@RequestParam(defaultValue = "0") long after,
                                                 @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        StreamingResponseBody body = out -> readOnly.executeWithoutResult(status -> {
            try (JsonGenerator generator = json.createGenerator(out)) {
                generator.writeStartArray();
                jdbc.query("""
                        SELECT e.global_index, e.aggregate_identifier, e.sequence_number, e.payload_type, e.time_stamp,
                               e.meta_data, e.payload, h.hash, e.type
                        FROM domain_event_entry e LEFT JOIN event_hash h ON h.global_index = e.global_index
                        WHERE e.global_index > ? ORDER BY e.global_index LIMIT ?""", rs -> {
                    generator.writeStartObject();
                    generator.writeNumberProperty("position", rs.getLong(1));
                    String aggregateType = aggregateType(rs.getString(9));
                    boolean project = PROJECT.equals(aggregateType);
                    generator.writeStringProperty("aggregateType", aggregateType);
                    generator.writeStringProperty("aggregateId", rs.getString(2));
                    generator.writeStringProperty("projectId", project ? rs.getString(2) : null);
                    if (project) {
                        generator.writeNumberProperty("version", rs.getLong(3) + 1);
                    } else {
                        generator.writeNullProperty("version");
                    }
                    String type = rs.getString(4);
                    generator.writeStringProperty("type", type.substring(type.lastIndexOf('.') + 1));
                    generator.writeStringProperty("recordedAt", Instant.parse(rs.getString(5)).toString());
                    byte[] metaData = rs.getBytes(6);
                    JsonNode actor = metaData == null ? null : json.readTree(metaData).get(MetaDataKeys.ACTOR);
                    generator.writeStringProperty("actor", actor == null ? null : actor.asString());
                    generator.writeName("data");
                    generator.writeRawValue(new String(rs.getBytes(7), StandardCharsets.UTF_8));
                    generator.writeStringProperty("hash", rs.getString(8));
                    generator.writeEndObject();
                }, after, limit);
                generator.writeEndArray();
            }
        });
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /**
     * The contract's name for the kind of record an event belongs to: {@code PROJECT} for the investment project
     * aggregate, the aggregate's own name in capitals for the others (campaigns, publications, periods, accounts).
     */
    static String aggregateType(String storedType) {
        return storedType == null || storedType.equals("InvestmentProject") ? PROJECT
                : storedType.toUpperCase(Locale.ROOT);
    }

    @GetMapping("/verify")
    ChainVerifier.Verdict verify() {
        return verifier.verify();
    }
}
