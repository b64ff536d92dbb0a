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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The event store's storage with the tamper-evidence chain sealed where events are appended: every append seals its
 * projects' new events in the same transaction, whichever way the events came in (a command, a test's
 * {@code eventStore.publish}, a bulk path). Whoever appended can take what was sealed ({@link #takeSealed()}) for the
 * positions and versions it answers with, without reading the log again.
 * <p>
 * A transaction can also keep its appends back ({@link #holdAppends()}) and write them all at once at its end ({@link
 * #writeHeld()}): one insert of the events and one of their hashes for a whole batch of commands instead of several
 * round trips each. Until then, an aggregate read in that transaction is its stored events followed by its held ones,
 * so later commands of the batch see what earlier ones decided.
 * <p>
 * No snapshots are ever taken, so reading one is answered without asking the database: one round trip less for every
 * command on an existing project.
 */
public class SealingEventStorageEngine implements EventStorageEngine {

    private final EventStorageEngine delegate;
    private final EventChain chain;
    private final TransactionManager transactions;
    private final Object sealedKey = new Object();
    private final Object heldKey = new Object();

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
        Held held = held();
        if (held != null) {
            events.forEach(held::add);
            return;
        }
        transactions.executeInTransaction(() -> remember(appendAndSeal(events)));
    }

    private List<EventChain.StoredEvent> appendAndSeal(List<? extends EventMessage<?>> events) {
        delegate.appendEvents(events);
        Set<String> aggregates = new LinkedHashSet<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain) {
                aggregates.add(domain.getAggregateIdentifier());
            }
        }
        return chain.seal(aggregates);
    }

    /**
     * From now on, the current transaction's appends are held in memory until {@link #writeHeld()}; a transaction that
     * ends without it stores none of them.
     */
    public void holdAppends() {
        if (held() != null) {
            throw new IllegalStateException("appends are held already");
        }
        TransactionSynchronizationManager.bindResource(heldKey, new Held());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(heldKey);
            }
        });
    }

    /** How many events are held: a mark to {@link #dropHeldAfter} when what came after it is refused. */
    public int heldCount() {
        return held().events.size();
    }

    /** Forgets the events held after the first {@code count}. */
    public void dropHeldAfter(int count) {
        held().dropAfter(count);
    }

    /** Forgets every held event and stops holding: the transaction rolled back what decided them. */
    public void discardHeld() {
        TransactionSynchronizationManager.unbindResource(heldKey);
    }

    /**
     * Appends and seals every held event, in the order they were held, and stops holding. Returns them as stored, in
     * that order.
     */
    public List<EventChain.StoredEvent> writeHeld() {
        List<DomainEventMessage<?>> held = held().events;
        TransactionSynchronizationManager.unbindResource(heldKey);
        if (held.isEmpty()) {
            return List.of();
        }
        Map<String, EventChain.StoredEvent> sealed = new HashMap<>();
        appendAndSeal(held).forEach(event -> sealed.put(event.aggregateId() + '#' + event.sequence(), event));
        return held.stream()
                .map(event -> sealed.get(event.getAggregateIdentifier() + '#' + event.getSequenceNumber()))
                .toList();
    }

    /** A transaction's held events, in order and by aggregate. */
    private static final class Held {

        final List<DomainEventMessage<?>> events = new ArrayList<>();
        final Map<String, List<DomainEventMessage<?>>> byAggregate = new HashMap<>();

        void add(EventMessage<?> event) {
            if (!(event instanceof DomainEventMessage<?> domain)) {
                throw new IllegalStateException("only an aggregate's events can be held: " + event.getPayloadType());
            }
            events.add(domain);
            byAggregate.computeIfAbsent(domain.getAggregateIdentifier(), id -> new ArrayList<>()).add(domain);
        }

        void dropAfter(int count) {
            while (events.size() > count) {
                DomainEventMessage<?> dropped = events.remove(events.size() - 1);
                List<DomainEventMessage<?>> ofAggregate = byAggregate.get(dropped.getAggregateIdentifier());
                ofAggregate.remove(ofAggregate.size() - 1);
            }
        }
    }

    private Held held() {
        return (Held) TransactionSynchronizationManager.getResource(heldKey);
    }

    private List<DomainEventMessage<?>> heldOf(String aggregateIdentifier) {
        Held held = held();
        return held == null ? List.of() : held.byAggregate.getOrDefault(aggregateIdentifier, List.of());
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
        List<DomainEventMessage<?>> held = heldOf(aggregateIdentifier).stream()
                .filter(event -> event.getSequenceNumber() >= firstSequenceNumber)
                .toList();
        if (held.isEmpty()) {
            return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
        }
        // an aggregate created in this batch has nothing stored yet
        return held.get(0).getSequenceNumber() == 0 ? DomainEventStream.of(held)
                : DomainEventStream.concat(delegate.readEvents(aggregateIdentifier, firstSequenceNumber),
                DomainEventStream.of(held));
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        List<DomainEventMessage<?>> held = heldOf(aggregateIdentifier);
        return held.isEmpty() ? delegate.lastSequenceNumberFor(aggregateIdentifier)
                : Optional.of(held.get(held.size() - 1).getSequenceNumber());
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
