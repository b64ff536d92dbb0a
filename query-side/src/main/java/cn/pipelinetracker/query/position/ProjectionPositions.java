package cn.pipelinetracker.query.position;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Answers "have the projections processed every event up to position N?" from the token store, so that it holds
 * across processes: whichever query-side process owns a segment, its token is in {@code token_entry}.
 * <p>
 * A segment only stores its token when it handles an event (or on its next claim extension), so a segment whose
 * token lags behind N is still done if none of the events it has not covered up to N belong to it. Events are
 * assigned to segments by the hash of their project id, as Axon's sequential-per-aggregate policy does.
 */
@Component
public class ProjectionPositions {

    private record SegmentToken(Segment segment, TrackingToken token) {
    }

    private record StoredEvent(long position, String projectId, String payloadType) {
    }

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final EventProcessingConfiguration processing;

    public ProjectionPositions(JdbcClient jdbc, Serializer serializer, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.processing = processing;
    }

    /** The names of the processors whose tokens are checked: every event processor of this process. */
    public Set<String> processorNames() {
        return processing.eventProcessors().keySet();
    }

    /** The position of the newest event in the log (0 when it is empty). */
    public long head() {
        return jdbc.sql("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }

    /** True once position N exists in the log and every processor has handled every event up to it. */
    public boolean hasProcessed(long position) {
        if (position <= 0) {
            return true; // positions start at 1: everything up to 0 is nothing, processed even on an empty log
        }
        return head() >= position && processorNames().stream().allMatch(name -> hasProcessed(name, position));
    }

    /** The position up to which a processor has certainly processed every event: its lowest segment token. */
    public long positionOf(String processorName) {
        return tokensOf(processorName).stream()
                .mapToLong(t -> t.token() == null ? 0 : Math.max(0, lowestUncovered(t.token()) - 1))
                .min().orElse(0);
    }

    /** For an error message: which processors have not yet processed position N, and where their segments are. */
    public String describeLag(long position) {
        return processorNames().stream().sorted()
                .filter(name -> !hasProcessed(name, position))
                .map(name -> name + " " + tokensOf(name).stream()
                        .map(t -> t.segment().getSegmentId() + "@" + (t.token() == null ? "none"
                                : t.token().position().orElse(-1)))
                        .toList())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    boolean hasProcessed(String processorName, long position) {
        List<SegmentToken> tokens = tokensOf(processorName);
        if (tokens.isEmpty()) {
            return false;
        }
        List<SegmentToken> lagging = tokens.stream().filter(t -> !covers(t.token(), position)).toList();
        if (lagging.isEmpty()) {
            return true;
        }
        long from = lagging.stream().mapToLong(t -> lowestUncovered(t.token())).min().orElse(0);
        List<StoredEvent> uncovered = jdbc.sql("""
                        SELECT global_index, aggregate_identifier, payload_type FROM domain_event_entry
                        WHERE global_index >= ? AND global_index <= ? ORDER BY global_index""")
                .params(from, position)
                .query((rs, row) -> new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
        return lagging.stream().allMatch(t -> uncovered.stream()
                .filter(event -> t.segment().matches(event.projectId()))
                .filter(event -> handles(processorName, event.payloadType()))
                .allMatch(event -> covers(t.token(), event.position())));
    }

    /**
     * Whether the processor has a handler for events of this type. One it has none for (a project projection and a
     * campaign's event, say) does not move its segment's stored token until the segment next handles an event or
     * extends its claim: such an event is not waited for.
     */
    private boolean handles(String processorName, String payloadType) {
        Optional<EventProcessor> processor = processing.eventProcessor(processorName);
        if (processor.isEmpty() || !(processor.get() instanceof AbstractEventProcessor known)) {
            return true;
        }
        try {
            return known.eventHandlerInvoker().canHandleType(Class.forName(payloadType));
        } catch (ClassNotFoundException unknownType) {
            return true;
        }
    }

    private List<SegmentToken> tokensOf(String processorName) {
        Map<Integer, TrackingToken> bySegment = new TreeMap<>();
        jdbc.sql("SELECT segment, token, token_type FROM token_entry WHERE processor_name = ?")
                .param(processorName)
                .query(rs -> {
                    byte[] token = rs.getBytes(2);
                    bySegment.put(rs.getInt(1), token == null ? null : serializer.deserialize(
                            new SimpleSerializedObject<>(token, byte[].class, rs.getString(3), null)));
                });
        int[] ids = bySegment.keySet().stream().mapToInt(Integer::intValue).toArray();
        return bySegment.entrySet().stream()
                .map(e -> new SegmentToken(Segment.computeSegment(e.getKey(), ids), e.getValue()))
                .toList();
    }

    /**
     * Whether the token has seen the event at this position. Not {@code token.covers(...)}: that also demands the
     * other token know the same gaps, and the gaps that rolled-back appends leave in the sequence would make a
     * caught-up token look behind.
     */
    private static boolean covers(TrackingToken token, long position) {
        TrackingToken seen = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (seen instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return seen != null && seen.position().orElse(-1) >= position;
    }

    /**
     * The first position this token may not have seen: its lowest gap that holds an event by now, or the one after its
     * index. A gap left by a rolled-back append never fills; counting it would report a lag that is not there.
     */
    private long lowestUncovered(TrackingToken token) {
        TrackingToken seen = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (seen == null) {
            return 0;
        }
        if (seen instanceof GapAwareTrackingToken gapAware && !gapAware.getGaps().isEmpty()) {
            long filled = jdbc.sql("SELECT COALESCE(min(global_index), -1) FROM domain_event_entry "
                            + "WHERE global_index = ANY (?)")
                    .param(gapAware.getGaps().toArray(Long[]::new)).query(Long.class).single();
            if (filled >= 0) {
                return filled;
            }
        }
        return seen.position().orElse(-1) + 1;
    }
}
