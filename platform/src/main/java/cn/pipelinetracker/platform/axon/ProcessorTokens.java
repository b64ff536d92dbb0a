package cn.pipelinetracker.platform.axon;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Answers "has event processor X processed every event up to position N?" from the token store, so that it holds
 * across processes: whichever process owns a segment, its token is in {@code token_entry}. The query side asks it for
 * {@code awaitPosition}; the command side for a publication, whose answer must reflect a whole head of the log.
 * <p>
 * A segment only stores its token when it handles an event (or on its next claim extension), so a segment whose
 * token lags behind N is still done if none of the events it has not covered up to N belong to it. Events are
 * assigned to segments by the hash of their aggregate id, as Axon's sequential-per-aggregate policy does.
 */
public class ProcessorTokens {

    /** A segment of a processor and its token (null before it has one). */
    public record SegmentToken(Segment segment, TrackingToken token) {
    }

    private record StoredEvent(long position, String aggregateId, String payloadType) {
    }

    private final JdbcClient jdbc;
    private final Serializer serializer;

    public ProcessorTokens(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The position of the newest event in the log (0 when it is empty). */
    public long head() {
        return jdbc.sql("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }

    /**
     * True once the processor has handled every event up to {@code position} of the types it {@code handles} (by
     * payload type). An event of a type it has no handler for (a campaign's, for a project projection) does not move
     * its segment's stored token until the segment next handles an event or extends its claim: it is not waited for.
     */
    public boolean hasProcessed(String processorName, long position, Predicate<String> handles) {
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
                .filter(event -> t.segment().matches(event.aggregateId()))
                .filter(event -> handles.test(event.payloadType()))
                .allMatch(event -> covers(t.token(), event.position())));
    }

    /** The position up to which a processor has certainly processed every event: its lowest segment token. */
    public long positionOf(String processorName) {
        return tokensOf(processorName).stream()
                .mapToLong(t -> t.token() == null ? 0 : Math.max(0, lowestUncovered(t.token()) - 1))
                .min().orElse(0);
    }

    public List<SegmentToken> tokensOf(String processorName) {
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
