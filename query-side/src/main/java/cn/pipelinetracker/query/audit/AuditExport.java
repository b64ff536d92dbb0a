package cn.pipelinetracker.query.audit;

import cn.pipelinetracker.platform.audit.EventChain;
import cn.pipelinetracker.platform.audit.EventChain.StoredEvent;
import cn.pipelinetracker.platform.audit.PublicChain;
import cn.pipelinetracker.platform.axon.MetaDataKeys;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import javax.sql.DataSource;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * The log as a file an auditor verifies without the server (docs/decisions/0021-independent-verification.md):
 * JSON Lines — every event with its payload and metadata exactly as stored, its scheme-2 hash and the previous
 * one of its aggregate — then every signature of the checkpoints covering it; or the events as CSV. Streamed from a
 * database cursor inside one read-only transaction: memory does not grow with the log.
 * <p>
 * The range starts right after the last checkpoint before {@code fromPosition} (or at the beginning of the log), and
 * that checkpoint is included: a file can then be verified on its own, the running hash picking up from it.
 */
@Component
public class AuditExport {

    /** The positions a request exports: from the checkpoint boundary at or before its start, to its end. */
    public record Range(long from, long to, Long baseCheckpoint) {
    }

    private static final CsvMapper CSV_MAPPER = CsvMapper.builder().build();
    public static final List<String> CSV_COLUMNS = List.of("position", "aggregateType", "aggregateId", "projectId", "version",
            "sequence", "type", "recordedAt", "actor", "payload", "metadata", "previousHash", "hash", "scheme");
    private static final CsvSchema CSV_HEADER = CsvSchema.builder()
            .addColumns(CSV_COLUMNS, CsvSchema.ColumnType.STRING).build().withHeader();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final JsonMapper json;

    public AuditExport(DataSource dataSource, TransactionTemplate transaction, JsonMapper json) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
        this.readOnly = new TransactionTemplate(transaction.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.json = json;
    }

    Range range(Long fromPosition, Long toPosition) {
        long to = toPosition == null ? Long.MAX_VALUE : toPosition;
        if (fromPosition == null || fromPosition <= 1) {
            return new Range(1, to, null);
        }
        Long base = jdbc.queryForObject("SELECT max(position) FROM audit_checkpoint WHERE position < ?", Long.class,
                fromPosition);
        return new Range(base == null ? 1 : base + 1, to, base);
    }

    /** One event line's values, in the export's words. */
    private record Line(StoredEvent event, String previousHash, String hash) {

        String aggregateType() {
            return PublicChain.aggregateType(event.storedAggregateType());
        }

        boolean project() {
            return "PROJECT".equals(aggregateType());
        }

        String text(byte[] stored) {
            return stored == null ? null : new String(stored, StandardCharsets.UTF_8);
        }
    }

    private void events(Range range, LineHandler handler) {
        jdbc.query("SELECT " + EventChain.STORED_EVENT_COLUMNS + """
                , h.public_hash,
                  (SELECT b.public_hash FROM event_hash b WHERE b.aggregate_identifier = e.aggregate_identifier
                                                            AND b.sequence_number = e.sequence_number - 1) AS previous
                FROM domain_event_entry e LEFT JOIN event_hash h ON h.global_index = e.global_index
                WHERE e.global_index BETWEEN ? AND ? ORDER BY e.global_index""", rs -> {
            handler.handle(new Line(StoredEvent.read(rs), rs.getString("previous"), rs.getString("public_hash")));
        }, range.from(), range.to());
    }

    @FunctionalInterface
    private interface LineHandler {
        void handle(Line line);
    }

    /** The actor recorded in an event's metadata as stored (null when none). */
    String actor(byte[] metaData) {
        JsonNode actor = metaData == null ? null : json.readTree(metaData).get(MetaDataKeys.ACTOR);
        return actor == null ? null : actor.asString();
    }

    void ndjson(Range range, OutputStream out) {
        readOnly.executeWithoutResult(status -> {
            try (JsonGenerator generator = json.writer().withRootValueSeparator("\n").createGenerator(out)) {
                events(range, line -> {
                    StoredEvent event = line.event();
                    generator.writeStartObject();
                    generator.writeStringProperty("kind", "event");
                    generator.writeNumberProperty("position", event.position());
                    generator.writeStringProperty("aggregateType", line.aggregateType());
                    generator.writeStringProperty("aggregateId", event.aggregateId());
                    generator.writeStringProperty("projectId", line.project() ? event.aggregateId() : null);
                    if (line.project()) {
                        generator.writeNumberProperty("version", event.sequence() + 1);
                    } else {
                        generator.writeNullProperty("version");
                    }
                    generator.writeNumberProperty("sequence", event.sequence());
                    generator.writeStringProperty("type", PublicChain.type(event.payloadType()));
                    generator.writeStringProperty("recordedAt", PublicChain.recordedAt(event.timestamp()));
                    generator.writeStringProperty("actor", actor(event.metaData()));
                    generator.writeName("payload");
                    writeAsStored(generator, line.text(event.payload()));
                    generator.writeName("metadata");
                    writeAsStored(generator, line.text(event.metaData()));
                    generator.writeStringProperty("previousHash", line.previousHash());
                    generator.writeStringProperty("hash", line.hash());
                    generator.writeNumberProperty("scheme", PublicChain.SCHEME);
                    generator.writeEndObject();
                });
                checkpoints(range, entry -> entry.write(generator));
                generator.writeRaw('\n');
            }
        });
    }

    /** The stored JSON text itself, byte for byte (what the scheme-2 hash covers). */
    private static void writeAsStored(JsonGenerator generator, String stored) {
        if (stored == null) {
            generator.writeNull();
        } else {
            generator.writeRawValue(stored);
        }
    }

    void csv(Range range, OutputStream out) {
        readOnly.executeWithoutResult(status -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (SequenceWriter csv = CSV_MAPPER.writerFor(String[].class).with(CSV_HEADER).writeValues(writer)) {
                events(range, line -> {
                    StoredEvent event = line.event();
                    csv.write(new String[]{Long.toString(event.position()), line.aggregateType(), event.aggregateId(),
                            line.project() ? event.aggregateId() : "",
                            line.project() ? Long.toString(event.sequence() + 1) : "",
                            Long.toString(event.sequence()), PublicChain.type(event.payloadType()),
                            PublicChain.recordedAt(event.timestamp()), nullToEmpty(actor(event.metaData())),
                            nullToEmpty(line.text(event.payload())), nullToEmpty(line.text(event.metaData())),
                            nullToEmpty(line.previousHash()), nullToEmpty(line.hash()),
                            Integer.toString(PublicChain.SCHEME)});
                });
            }
        });
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Every signature of the checkpoints from the range's base checkpoint to its end, by position. */
    private void checkpoints(Range range, Consumer<AnchorFile.Entry> each) {
        jdbc.query(AnchorFile.Entry.SELECT + " WHERE c.position BETWEEN ? AND ? ORDER BY c.position, s.key_id",
                rs -> {
                    each.accept(AnchorFile.Entry.of(rs));
                }, range.baseCheckpoint() == null ? 0 : range.baseCheckpoint(), range.to());
    }
}
