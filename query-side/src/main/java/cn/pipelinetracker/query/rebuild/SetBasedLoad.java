package cn.pipelinetracker.query.rebuild;

import cn.pipelinetracker.query.deadletter.StorableEvents;
import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The set-based part of a rebuild (decision 0009): the log as one consistent snapshot, its projects' events read in
 * project order by three workers (each a range of project ids), folded project by project ({@link ProjectFold}) and
 * {@code COPY}ed into the fresh tables, which have no indexes yet. The other aggregates' events (campaigns,
 * publications, periods: few) are read in log order for the handlers. The load's connections are its own, outside
 * the pool, so that queries and live processors keep theirs.
 */
final class SetBasedLoad {

    /** Axon's aggregate type of the projects' events: the events the folds take. */
    static final String PROJECT_AGGREGATE = "InvestmentProject";
    /**
     * Load workers: more than the 2 cores, so that while one waits for a fetch or a {@code COPY} to return, another
     * folds; each worker's read, fold and copy take turns.
     */
    static final int WORKERS = 3;
    /** Indexes below the head within this distance that are not in the snapshot may still commit (Axon's default). */
    private static final int GAP_WINDOW = 10_000;
    private static final int FLUSH_CHARACTERS = 8 << 20;
    private static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, "
            + "type, time_stamp, payload_type, payload_revision, payload, meta_data";
    private static final Logger log = LoggerFactory.getLogger(SetBasedLoad.class);

    /** A fold with the handlers of its projection: they say which events the projection takes at all. */
    record Folding(ProjectFold fold, AnnotationEventHandlerAdapter handlers, Map<Class<?>, Boolean> takes) {

        Folding(ProjectFold fold, AnnotationEventHandlerAdapter handlers) {
            this(fold, handlers, new java.util.concurrent.ConcurrentHashMap<>());
        }

        /** Whether the projection handles events of this payload type at all (asked once per type). */
        boolean takes(TrackedEventMessage<?> event) {
            return takes.computeIfAbsent(event.getPayloadType(), type -> handlers.canHandle(event));
        }
    }

    private final DataSource dataSource;
    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final List<Folding> foldings;
    /** Where the workers' time went, summed over both, in nanoseconds: what the rebuild logs after the load. */
    private final AtomicLong readNanos = new AtomicLong();
    private final AtomicLong deserializeNanos = new AtomicLong();
    private final AtomicLong foldNanos = new AtomicLong();
    private final AtomicLong copyNanos = new AtomicLong();

    SetBasedLoad(DataSource dataSource, Serializer serializer, EventUpcaster upcasters, List<Folding> foldings) {
        this.dataSource = dataSource;
        this.serializer = serializer;
        this.upcasters = upcasters;
        this.foldings = foldings;
    }

    /** The tables the folds fill. */
    java.util.Set<String> tables() {
        java.util.Set<String> tables = new java.util.LinkedHashSet<>();
        foldings.forEach(folding -> tables.addAll(folding.fold().columns().keySet()));
        return tables;
    }

    Connection connect() throws SQLException {
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
            if (pool.getJdbcUrl() != null) {
                return DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
            }
        }
        return dataSource.getConnection();
    }

    /**
     * The log as of now, held open (REPEATABLE READ) until closed: its head, the position the live events continue
     * from, and where the workers split the projects.
     */
    final class Snapshot implements AutoCloseable {

        final Connection connection;
        final String id;
        final TrackingToken end;
        final List<String> splits = new ArrayList<>();

        Snapshot() throws SQLException {
            connection = connect();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                try (ResultSet result = statement.executeQuery(
                        "SELECT pg_export_snapshot(), COALESCE(max(global_index), 0) FROM domain_event_entry")) {
                    result.next();
                    id = result.getString(1);
                    long head = result.getLong(2);
                    end = GapAwareTrackingToken.newInstance(head, gapsBelow(head));
                }
                // project ids that cut the log into about equal parts, one for each worker: quantiles of a sample
                // of some 20 000 events (all of a smaller log), far cheaper than counting along the index
                try (ResultSet result = statement.executeQuery("""
                        SELECT DISTINCT unnest(percentile_disc(
                                   ARRAY(SELECT k / %1$d.0 FROM generate_series(1, %1$d - 1) AS k))
                                   WITHIN GROUP (ORDER BY aggregate_identifier))
                        FROM domain_event_entry TABLESAMPLE SYSTEM ((SELECT CASE WHEN reltuples < 20000 THEN 100
                            ELSE 2000000 / reltuples END FROM pg_class WHERE oid = 'domain_event_entry'::regclass))
                        ORDER BY 1""".formatted(WORKERS))) {
                    while (result.next()) {
                        if (result.getString(1) != null) {
                            splits.add(result.getString(1));
                        }
                    }
                }
            }
        }

        private List<Long> gapsBelow(long head) throws SQLException {
            List<Long> gaps = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT g FROM generate_series(GREATEST(1, ? - ?), ?) AS g
                    WHERE NOT EXISTS (SELECT 1 FROM domain_event_entry WHERE global_index = g)""")) {
                query.setLong(1, head);
                query.setLong(2, GAP_WINDOW);
                query.setLong(3, head);
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        gaps.add(result.getLong(1));
                    }
                }
            }
            return gaps;
        }

        /** Each worker's range of project ids: [from, to), null meaning open. */
        List<String[]> ranges() {
            List<String[]> ranges = new ArrayList<>();
            String from = null;
            for (String split : splits) {
                ranges.add(new String[]{from, split});
                from = split;
            }
            ranges.add(new String[]{from, null});
            return ranges;
        }

        /** Hands the events of the other aggregates to {@code handle}, in the order of the log. */
        void otherEvents(Consumer<TrackedEventMessage<?>> handle) throws SQLException {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM domain_event_entry WHERE type IS DISTINCT FROM ? ORDER BY global_index")) {
                query.setString(1, PROJECT_AGGREGATE);
                query.setFetchSize(1000);
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        deserialize(List.of(entry(result))).forEach(handle);
                    }
                }
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                connection.rollback();
            } finally {
                connection.close();
            }
        }
    }

    /**
     * One worker: folds the projects with ids in [from, to) of the snapshot and copies the rows into the fresh
     * tables. Returns what it left out (dead letters) of each projection.
     */
    LeftOut loadProjects(Snapshot snapshot, String from, String to, LeftOut leftOut, AtomicLong processed)
            throws SQLException {
        try (Connection read = connect(); Connection write = connect()) {
            read.setAutoCommit(false);
            try (Statement statement = read.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                statement.execute("SET TRANSACTION SNAPSHOT '" + snapshot.id + "'");
            }
            try (Statement statement = write.createStatement()) {
                // a crash restarts the rebuild from the beginning: nothing here needs to survive one
                statement.execute("SET synchronous_commit = off");
            }
            CopyRows rows = new CopyRows(write.unwrap(PGConnection.class).getCopyAPI());
            try (PreparedStatement query = read.prepareStatement("SELECT " + COLUMNS + " FROM domain_event_entry"
                    + " WHERE type = ? AND aggregate_identifier >= ?" + (to == null ? "" : " AND aggregate_identifier < ?")
                    + " ORDER BY aggregate_identifier, sequence_number")) {
                query.setString(1, PROJECT_AGGREGATE);
                query.setString(2, from == null ? "" : from);
                if (to != null) {
                    query.setString(3, to);
                }
                query.setFetchSize(2000);
                // bytea arrives binary, not hex-encoded by the server and decoded again here
                query.unwrap(PGStatement.class).setPrepareThreshold(-1);
                long reading = System.nanoTime();
                try (ResultSet result = query.executeQuery()) {
                    List<TrackedDomainEventData<byte[]>> project = new ArrayList<>();
                    String projectId = null;
                    while (result.next()) {
                        TrackedDomainEventData<byte[]> entry = entry(result);
                        if (!entry.getAggregateIdentifier().equals(projectId)) {
                            readNanos.addAndGet(System.nanoTime() - reading);
                            fold(project, leftOut, rows);
                            processed.addAndGet(project.size());
                            project.clear();
                            projectId = entry.getAggregateIdentifier();
                            reading = System.nanoTime();
                        }
                        project.add(entry);
                    }
                    readNanos.addAndGet(System.nanoTime() - reading);
                    fold(project, leftOut, rows);
                    processed.addAndGet(project.size());
                }
            }
            rows.flush();
            read.rollback();
        }
        return leftOut;
    }

    /** Folds one project's events with every fold, leaving out what the live processors left out. */
    private void fold(List<TrackedDomainEventData<byte[]>> entries, LeftOut leftOut, CopyRows rows) {
        if (entries.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        List<TrackedEventMessage<?>> events = deserialize(entries);
        long deserialized = System.nanoTime();
        deserializeNanos.addAndGet(deserialized - started);
        String project = entries.get(0).getAggregateIdentifier();
        RuntimeException[] unstorable = new RuntimeException[events.size()];
        for (int i = 0; i < events.size(); i++) {
            try {
                StorableEvents.requireStorable(events.get(i).getPayload());
            } catch (RuntimeException e) {
                unstorable[i] = e;
            }
        }
        boolean[] leftOutSomewhere = new boolean[events.size()];
        for (Folding folding : foldings) {
            String group = folding.fold().group();
            List<ProjectFold.LoggedEvent> taken = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                TrackedEventMessage<?> event = events.get(i);
                if (leftOut.excludes(group, event.getIdentifier(), project)) {
                    leftOutSomewhere[i] = true;
                } else if (folding.takes(event)) {
                    if (unstorable[i] == null) {
                        taken.add(new ProjectFold.LoggedEvent(event.trackingToken().position().orElseThrow(),
                                (DomainEventMessage<?>) event));
                    } else {
                        log.warn("Projection rebuild: {} left out event at {} (project {}) with the project's later "
                                + "events: {}", group, event.trackingToken(), project, unstorable[i].toString());
                        leftOut.park(group, project);
                        leftOutSomewhere[i] = true;
                    }
                }
            }
            folding.fold().fold(taken, rows);
        }
        for (boolean left : leftOutSomewhere) {
            if (left) {
                leftOut.countEvent();
            }
        }
        foldNanos.addAndGet(System.nanoTime() - deserialized);
        rows.flushIfFull();
    }

    /** Where the workers' time went since the last call, summed over the workers; the sums start again at zero. */
    String takeWorkerTimes() {
        return String.format("reading rows %.1f s, deserializing %.1f s, folding %.1f s, COPY %.1f s (summed over %d "
                        + "workers)", readNanos.getAndSet(0) / 1e9, deserializeNanos.getAndSet(0) / 1e9,
                foldNanos.getAndSet(0) / 1e9, copyNanos.getAndSet(0) / 1e9, WORKERS);
    }

    private List<TrackedEventMessage<?>> deserialize(List<TrackedDomainEventData<byte[]>> entries) {
        return EventUtils.upcastAndDeserializeTrackedEvents(entries.stream(), serializer, upcasters).toList();
    }

    private static TrackedDomainEventData<byte[]> entry(ResultSet row) throws SQLException {
        String timestamp = row.getString(6);
        return new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(row.getLong(1)),
                new GenericDomainEventEntry<>(row.getString(5), row.getString(3), row.getLong(4), row.getString(2),
                        timestamp, row.getString(7), row.getString(8), row.getBytes(9), row.getBytes(10)) {
                    @Override
                    public java.time.Instant getTimestamp() {
                        return StoredInstants.parse(timestamp);
                    }
                });
    }

    /** Rows in PostgreSQL's COPY text format, a buffer per table, sent when large. */
    private final class CopyRows implements ProjectFold.Rows {

        private final CopyManager copy;
        private final Map<String, StringBuilder> buffers = new LinkedHashMap<>();
        private final Map<String, String> statements = new LinkedHashMap<>();
        private int characters;

        CopyRows(CopyManager copy) {
            this.copy = copy;
            for (Folding folding : foldings) {
                folding.fold().columns().forEach((table, columns) -> {
                    buffers.put(table, new StringBuilder());
                    statements.put(table, "COPY rebuild." + table + " (" + String.join(", ", columns)
                            + ") FROM STDIN");
                });
            }
        }

        @Override
        public void add(String table, Object... values) {
            StringBuilder buffer = buffers.get(table);
            int before = buffer.length();
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buffer.append('\t');
                }
                append(buffer, values[i]);
            }
            buffer.append('\n');
            characters += buffer.length() - before;
        }

        private static void append(StringBuilder buffer, Object value) {
            if (value == null) {
                buffer.append("\\N");
            } else if (value instanceof BigDecimal number) {
                buffer.append(number.toPlainString());
            } else if (value instanceof Boolean bool) {
                buffer.append(bool ? 't' : 'f');
            } else if (value instanceof java.time.Instant instant) {
                StoredInstants.append(buffer, instant);
            } else {
                String text = value.toString();
                int escape = firstToEscape(text);
                if (escape < 0) {
                    buffer.append(text);
                    return;
                }
                buffer.append(text, 0, escape);
                for (int i = escape; i < text.length(); i++) {
                    char c = text.charAt(i);
                    switch (c) {
                        case '\\' -> buffer.append("\\\\");
                        case '\t' -> buffer.append("\\t");
                        case '\n' -> buffer.append("\\n");
                        case '\r' -> buffer.append("\\r");
                        default -> buffer.append(c);
                    }
                }
            }
        }

        /** Where the first character COPY's text format must escape is, or -1: most values have none. */
        private static int firstToEscape(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                    return i;
                }
            }
            return -1;
        }

        void flushIfFull() {
            if (characters >= FLUSH_CHARACTERS) {
                flush();
            }
        }

        void flush() {
            long started = System.nanoTime();
            try {
                for (Map.Entry<String, StringBuilder> buffer : buffers.entrySet()) {
                    if (!buffer.getValue().isEmpty()) {
                        copy.copyIn(statements.get(buffer.getKey()), new StringReader(buffer.getValue().toString()));
                        buffer.getValue().setLength(0);
                    }
                }
                characters = 0;
            } catch (SQLException | java.io.IOException e) {
                throw new IllegalStateException("COPY into the fresh tables failed: " + e.getMessage(), e);
            } finally {
                copyNanos.addAndGet(System.nanoTime() - started);
            }
        }
    }
}
