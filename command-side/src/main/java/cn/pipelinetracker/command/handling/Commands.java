package cn.pipelinetracker.command.handling;

import cn.pipelinetracker.command.campaign.CampaignCommand;
import cn.pipelinetracker.command.campaign.CampaignRuleViolation;
import cn.pipelinetracker.command.idempotency.IdempotencyKeys;
import cn.pipelinetracker.command.project.ProjectRule;
import cn.pipelinetracker.command.project.ProjectRuleViolation;
import cn.pipelinetracker.platform.audit.EventChain;
import cn.pipelinetracker.platform.audit.SealingEventStorageEngine;
import cn.pipelinetracker.platform.axon.MetaDataKeys;
import cn.pipelinetracker.platform.i18n.Phrase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way in for commands (docs/decisions/0012-command-layer.md): the JSON API, the pages, the ledger import and
 * the demo data all hand their commands over here, as {@link CommandEnvelope}s, and get a {@link CommandOutcome} or a
 * {@link CommandRefusal}. Each command runs in one transaction:
 * <ol>
 *     <li>the idempotency key is claimed (a retry gets the first outcome again; a different command under the same
 *     key is refused);</li>
 *     <li>the {@link CrossProjectRule}s for its type run, in their order (region access first);</li>
 *     <li>the aggregate decides and Axon appends its events, which the event store seals into the tamper-evidence
 *     chain as it appends them;</li>
 *     <li>the outcome is recorded under the key.</li>
 * </ol>
 * All of it commits together or not at all.
 */
@Service
public class Commands {

    /** What became of one group of a batch: applied, with each command's outcome, or refused at one command. */
    public record GroupResult(List<CommandOutcome> outcomes, int refusedAt, CommandRefusal refusal) {

        public boolean applied() {
            return refusal == null;
        }
    }

    private final CommandGateway gateway;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final IdempotencyKeys idempotencyKeys;
    private final List<CrossProjectRule<?>> rules;
    private final SealingEventStorageEngine eventStorage;
    private final MeterRegistry meters;

    public Commands(CommandGateway gateway, PlatformTransactionManager transactions, IdempotencyKeys idempotencyKeys,
                    List<CrossProjectRule<?>> rules, SealingEventStorageEngine eventStorage, MeterRegistry meters) {
        this.gateway = gateway;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.idempotencyKeys = idempotencyKeys;
        this.rules = List.copyOf(rules);
        this.eventStorage = eventStorage;
        this.meters = meters;
    }

    /** One command, in a transaction of its own. */
    public CommandOutcome handle(CommandEnvelope envelope) {
        return transaction.execute(status -> handleInTransaction(envelope));
    }

    /** Several commands for one project (a registration and its milestones, say): all of them or none. */
    public List<CommandOutcome> handleGroup(List<CommandEnvelope> group) {
        return transaction.execute(status -> group.stream().map(this::handleInTransaction).toList());
    }

    /**
     * Many groups in one transaction, each still all or nothing: a refused group is rolled back to where it began and
     * the next one goes on. Answers per group, in order.
     * <p>
     * The batch's events are held back and appended together at its end (one insert of events, one of hashes), so a
     * batch costs the database a few statements rather than several per command. It is first decided without a
     * savepoint per group (a round trip each): most batches have no refused group. At the first refusal the batch is
     * rolled back to where it began and decided again with a savepoint per group, so that only the refused groups are
     * left out. Should the held append fail (another process appended to one of the batch's projects meanwhile), the
     * batch is rolled back likewise and run again with each command appending at once, so that only the groups that
     * really conflict are refused.
     */
    public List<GroupResult> handleGroups(List<List<CommandEnvelope>> groups) {
        return transaction.execute(status -> {
            Object batchStart = status.createSavepoint();
            try {
                return handleGroupsHeld(status, groups, false);
            } catch (GroupRefused refused) {
                status.rollbackToSavepoint(batchStart);
                eventStorage.discardHeld();
            } catch (HeldAppendRaced raced) {
                status.rollbackToSavepoint(batchStart);
                return groups.stream().map(this::handleGroupAtSavepoint).toList();
            }
            try {
                return handleGroupsHeld(status, groups, true);
            } catch (HeldAppendRaced raced) {
                status.rollbackToSavepoint(batchStart);
                return groups.stream().map(this::handleGroupAtSavepoint).toList();
            }
        });
    }

    /** The held events of a batch met events another writer appended to the same aggregates meanwhile. */
    private static final class HeldAppendRaced extends RuntimeException {

        HeldAppendRaced(RuntimeException cause) {
            super(cause);
        }
    }

    /** A group of a batch decided without savepoints was refused: the batch is to be decided again with them. */
    private static final class GroupRefused extends RuntimeException {

        GroupRefused() {
            super(null, null, false, false);
        }
    }

    /** A command of a held batch, decided: the outcome a retry gets again, or where its last event is held. */
    private record Decided(CommandEnvelope envelope, CommandOutcome replayed, int lastHeld) {
    }

    /**
     * Decides every group with its events held, then appends them all. Without {@code savepoints}, a refused group
     * ends the attempt ({@link GroupRefused}) and the caller rolls the batch back; the commands' timings are recorded
     * only for the attempt that is kept.
     */
    private List<GroupResult> handleGroupsHeld(TransactionStatus transaction, List<List<CommandEnvelope>> groups,
                                               boolean savepoints) {
        eventStorage.holdAppends();
        List<Measured> measured = new ArrayList<>();
        List<List<Decided>> decided = new ArrayList<>();
        List<GroupResult> refused = new ArrayList<>();
        for (List<CommandEnvelope> group : groups) {
            int mark = eventStorage.heldCount();
            // a savepoint is released at commit with the rest: releasing it now would cost a round trip a group
            Object groupSavepoint = savepoints ? transaction.createSavepoint() : null;
            List<Decided> commandsOfGroup = new ArrayList<>();
            try {
                for (CommandEnvelope envelope : group) {
                    commandsOfGroup.add(measured(envelope, held -> held.replayed() != null, () -> decideHeld(envelope),
                            measured::add));
                }
                decided.add(commandsOfGroup);
                refused.add(null);
            } catch (CommandRefusal refusal) {
                if (!savepoints) {
                    throw new GroupRefused();
                }
                transaction.rollbackToSavepoint(groupSavepoint);
                eventStorage.dropHeldAfter(mark);
                decided.add(null);
                refused.add(new GroupResult(List.of(), commandsOfGroup.size(), refusal));
            }
        }
        List<EventChain.StoredEvent> stored;
        try {
            stored = eventStorage.writeHeld();
        } catch (ConcurrencyException | AggregateStreamCreationException | DataIntegrityViolationException raced) {
            throw new HeldAppendRaced(raced);
        }
        measured.forEach(this::record);
        countOnceCommitted(stored);
        List<GroupResult> results = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            if (decided.get(i) == null) {
                results.add(refused.get(i));
                continue;
            }
            List<CommandOutcome> outcomes = new ArrayList<>();
            for (Decided command : decided.get(i)) {
                if (command.replayed() != null) {
                    outcomes.add(command.replayed());
                } else {
                    CommandOutcome outcome = outcomeOf(stored.get(command.lastHeld()));
                    completeKey(command.envelope(), outcome);
                    outcomes.add(outcome);
                }
            }
            results.add(new GroupResult(outcomes, -1, null));
        }
        return results;
    }

    private Decided decideHeld(CommandEnvelope envelope) {
        CommandOutcome replayed = replayedOrSent(envelope);
        // every accepted command appends at least one event
        return new Decided(envelope, replayed, replayed != null ? -1 : eventStorage.heldCount() - 1);
    }

    /** The outcome a retry gets again; or null once the command has been decided and its events appended (or held). */
    private CommandOutcome replayedOrSent(CommandEnvelope envelope) {
        CommandOutcome replayed = firstOutcome(envelope);
        if (replayed == null) {
            applyRules(envelope);
            send(envelope);
        }
        return replayed;
    }

    private GroupResult handleGroupAtSavepoint(List<CommandEnvelope> group) {
        List<CommandOutcome> outcomes = new ArrayList<>();
        try {
            savepoint.executeWithoutResult(status -> group.forEach(envelope ->
                    outcomes.add(handleInTransaction(envelope))));
            return new GroupResult(outcomes, -1, null);
        } catch (CommandRefusal refusal) {
            eventStorage.takeSealed(); // rolled back with the group
            return new GroupResult(List.of(), outcomes.size(), refusal);
        }
    }

    private CommandOutcome handleInTransaction(CommandEnvelope envelope) {
        return timed(envelope, CommandOutcome::replayed, () -> {
            CommandOutcome replayed = replayedOrSent(envelope);
            if (replayed != null) {
                return replayed;
            }
            List<EventChain.StoredEvent> appended = eventStorage.takeSealed();
            countOnceCommitted(appended);
            // every accepted command appends at least one event; the last one gives the version and position
            CommandOutcome outcome = outcomeOf(appended.get(appended.size() - 1));
            completeKey(envelope, outcome);
            return outcome;
        });
    }

    /** The outcome recorded under the command's idempotency key by its first run, if it ran before; else claims it. */
    private CommandOutcome firstOutcome(CommandEnvelope envelope) {
        if (envelope.idempotencyKey() == null) {
            return null;
        }
        var first = idempotencyKeys.claim(envelope.actor().name(), envelope.idempotencyKey(), envelope.fingerprint());
        if (first.isEmpty()) {
            return null;
        }
        if (!first.get().fingerprint().equals(envelope.fingerprint())) {
            throw new CommandRefusal(CommandRefusal.Kind.KEY_REUSED, "idempotency-key-reused", "Idempotency-Key",
                    Phrase.of("refusal.idempotency-key-reused", "Idempotency-Key " + envelope.idempotencyKey()
                            + " was already used for a different request", envelope.idempotencyKey()));
        }
        return first.get().outcome();
    }

    private void completeKey(CommandEnvelope envelope, CommandOutcome outcome) {
        if (envelope.idempotencyKey() != null) {
            idempotencyKeys.complete(envelope.actor().name(), envelope.idempotencyKey(), outcome);
        }
    }

    private static CommandOutcome outcomeOf(EventChain.StoredEvent last) {
        return new CommandOutcome(last.aggregateId(), last.sequence() + 1, last.position(), false);
    }

    /** Events are counted as appended when they are: a batch's refused group or a failed commit appends none. */
    private void countOnceCommitted(List<EventChain.StoredEvent> appended) {
        Runnable count = () -> appended.forEach(event -> meters.counter("pipeline.events.appended", "type",
                event.payloadType().substring(event.payloadType().lastIndexOf('.') + 1)).increment());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                count.run();
            }
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void applyRules(CommandEnvelope envelope) {
        for (CrossProjectRule rule : rules) {
            if (rule.commandType().isInstance(envelope.command())) {
                rule.apply(envelope.command(), envelope);
            }
        }
    }

    private void send(CommandEnvelope envelope) {
        try {
            gateway.sendAndWait(GenericCommandMessage.asCommandMessage(envelope.command())
                    .andMetaData(metaData(envelope)));
        } catch (ProjectRuleViolation violation) {
            throw refusalOf(violation);
        } catch (CampaignRuleViolation violation) {
            throw refusal(CommandRefusal.Kind.CONFLICT, violation.rule(), null, violation.getMessage(),
                    violation.args());
        } catch (AggregateNotFoundException notFound) {
            String id = String.valueOf(notFound.getAggregateIdentifier());
            throw envelope.command() instanceof CampaignCommand ? CommandRefusal.campaignNotFound(id)
                    : CommandRefusal.projectNotFound(id);
        } catch (ConcurrencyException raced) {
            throw new CommandRefusal(CommandRefusal.Kind.CONFLICT, "concurrent-modification", null,
                    Phrase.of("refusal.concurrent-modification",
                            "Another command changed the project at the same moment; read it again and retry"));
        }
    }

    private static MetaData metaData(CommandEnvelope envelope) {
        Map<String, String> values = new HashMap<>();
        values.put(MetaDataKeys.ACTOR, envelope.actor().name());
        values.put(MetaDataKeys.CORRELATION_ID, envelope.correlationId());
        values.put(MetaDataKeys.SOURCE, envelope.source().name());
        if (envelope.idempotencyKey() != null) {
            values.put(MetaDataKeys.IDEMPOTENCY_KEY, envelope.idempotencyKey());
        }
        return MetaData.from(values);
    }

    private static CommandRefusal refusalOf(ProjectRuleViolation violation) {
        ProjectRule rule = violation.rule();
        CommandRefusal.Kind kind = switch (rule.kind()) {
            case INVALID_INPUT -> CommandRefusal.Kind.INVALID;
            case CONFLICT -> CommandRefusal.Kind.CONFLICT;
            case STALE_VERSION -> CommandRefusal.Kind.STALE_VERSION;
        };
        return refusal(kind, rule, violation.field(), violation.getMessage(), violation.args());
    }

    /** A named rule broken: its slug is the code, and the bundle's {@code rule.<slug>} says it in other languages. */
    private static CommandRefusal refusal(CommandRefusal.Kind kind, Enum<?> rule, String field, String message,
                                          List<Object> values) {
        String code = rule.name().toLowerCase().replace('_', '-');
        // a milestone or a status among the values is a word of the reader's language too
        List<Object> args = values.stream()
                .map(arg -> arg instanceof Enum<?> value
                        ? Phrase.of("value." + value.name(), value.name().toLowerCase().replace('_', ' '))
                        : arg)
                .toList();
        return new CommandRefusal(kind, code, field, new Phrase("rule." + code, message, args));
    }

    private <T> T timed(CommandEnvelope envelope, Predicate<T> replayed, Supplier<T> command) {
        return measured(envelope, replayed, command, this::record);
    }

    /** How long a command took and how it came out, for the {@code pipeline.commands} timer. */
    private record Measured(CommandEnvelope envelope, String outcome, long nanos) {
    }

    /** Runs the command and hands its measure to {@code sink}, whether it was accepted, replayed or refused. */
    private <T> T measured(CommandEnvelope envelope, Predicate<T> replayed, Supplier<T> command,
                           Consumer<Measured> sink) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = command.get();
            outcome = replayed.test(result) ? "replayed" : "accepted";
            return result;
        } catch (CommandRefusal refused) {
            outcome = refused.code();
            throw refused;
        } finally {
            sink.accept(new Measured(envelope, outcome, System.nanoTime() - start));
        }
    }

    private void record(Measured measured) {
        Timer.builder("pipeline.commands")
                .description("Commands handled, by type, outcome (accepted, replayed, or the refusal) and source")
                .tag("type", measured.envelope().command().getClass().getSimpleName().replace("Command", ""))
                .tag("outcome", measured.outcome())
                .tag("source", measured.envelope().source().name().toLowerCase())
                .publishPercentileHistogram()
                .register(meters)
                .record(measured.nanos(), TimeUnit.NANOSECONDS);
    }
}
