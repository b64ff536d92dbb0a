package cn.pipelinetracker.query;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Project events as the log hands them to the processors, for projection tests without Spring: each at the next
 * position, recorded a second after the one before, by the actor {@code tester}.
 */
public final class RecordedEvents {

    private long position;
    private Instant clock;

    public RecordedEvents(Instant start) {
        this.clock = start;
    }

    public TrackedEventMessage<?> next(String projectId, long sequence, Object event) {
        clock = clock.plusSeconds(1);
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(++position),
                new GenericDomainEventMessage<>("InvestmentProject", projectId, sequence, event,
                        MetaData.with("actor", "tester"), UUID.randomUUID().toString(), clock));
    }

    /** The position of the last event. */
    public long position() {
        return position;
    }

    /** The recorded time of the last event. */
    public Instant clock() {
        return clock;
    }

    /** Hands the event to each projection, through Axon's handler dispatch as a processor would. */
    public static void project(List<AnnotationEventHandlerAdapter> projections, EventMessage<?> message) {
        for (AnnotationEventHandlerAdapter projection : projections) {
            try {
                projection.handle(message);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
