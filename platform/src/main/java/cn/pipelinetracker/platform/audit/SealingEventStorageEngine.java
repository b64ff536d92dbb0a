package cn.pipelinetracker.platform.audit;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The event store's storage with the tamper-evidence chain sealed where events are appended: every append seals its
 * projects' new events in the same transaction, whichever way the events came in (a command, a test's
 * {@code eventStore.publish}, a bulk path). Whoever appended can take what was sealed ({@link #takeSealed()}) for the
 * positions and versions it answers with, without reading the log again.
 * <p>
 * No snapshots are ever taken, so reading one is answered without asking the database: one round trip less for every
 * command on an existing project.
 */
public class SealingEventStorageEngine implements EventStorageEngine {

    private final EventStorageEngine delegate;
    private final EventChain chain;
    private final TransactionManager transactions;
    private final Object sealedKey = new Object();

    public SealingEventStorageEngine(EventStorageEngine delegate, EventChain chain, TransactionManager transactions) {
        this.delegate = delegate;
        this.chain = chain;
        this.transactions = transactions;
    }

    /** The engine that stores the events. */
    public EventStorageEngine storage() {
        return delegate;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        transactions.executeInTransaction(() -> {
            delegate.appendEvents(events);
            Set<String> projects = new LinkedHashSet<>();
            for (EventMessage<?> event : events) {
                if (event instanceof DomainEventMessage<?> domain) {
                    projects.add(domain.getAggregateIdentifier());
                }
            }
            List<EventChain.StoredEvent> sealed = new ArrayList<>();
            projects.forEach(project -> sealed.addAll(chain.seal(project)));
            remember(sealed);
        });
    }

    /** The events sealed in the current transaction since the last call, in the order they were appended. */
    @SuppressWarnings("unchecked")
    public List<EventChain.StoredEvent> takeSealed() {
        List<EventChain.StoredEvent> sealed = (List<EventChain.StoredEvent>)
                TransactionSynchronizationManager.getResource(sealedKey);
        if (sealed == null) {
            return List.of();
        }
        List<EventChain.StoredEvent> taken = List.copyOf(sealed);
        sealed.clear();
        return taken;
    }

    @SuppressWarnings("unchecked")
    private void remember(List<EventChain.StoredEvent> sealed) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        List<EventChain.StoredEvent> kept = (List<EventChain.StoredEvent>)
                TransactionSynchronizationManager.getResource(sealedKey);
        if (kept == null) {
            kept = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(sealedKey, kept);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(sealedKey);
                }
            });
        }
        kept.addAll(sealed);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return Optional.empty();
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
