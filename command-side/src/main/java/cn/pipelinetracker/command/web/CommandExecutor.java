package cn.pipelinetracker.command.web;

import cn.pipelinetracker.command.idempotency.IdempotencyKeys;
import cn.pipelinetracker.command.project.ProjectRuleViolation;
import cn.pipelinetracker.command.project.RegisterProjectCommand;
import cn.pipelinetracker.command.project.VoidProjectCommand;
import cn.pipelinetracker.command.projectcode.ProjectCodes;
import cn.pipelinetracker.command.projectcode.ProjectRegions;
import cn.pipelinetracker.platform.audit.EventChain;
import cn.pipelinetracker.platform.axon.MetaDataKeys;
import cn.pipelinetracker.platform.web.FieldProblem;
import cn.pipelinetracker.platform.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Runs one command in one database transaction: the idempotency claim, the set-based rules, the aggregate's events,
 * their tamper-evidence hashes and the response recorded under the key all commit together or not at all. Axon's unit of work joins this
 * transaction, so a command that is refused, or that loses a race, leaves nothing behind.
 */
@Service
public class CommandExecutor {

    /** An executed (or replayed) command: the status to answer with and the result. */
    public record Outcome(HttpStatus status, CommandResult result, boolean replayed) {
    }

    private final CommandGateway commandGateway;
    private final TransactionTemplate transaction;
    private final IdempotencyKeys idempotencyKeys;
    private final ProjectCodes projectCodes;
    private final ProjectRegions projectRegions;
    private final EventChain eventChain;
    private final JsonMapper json;
    private final MeterRegistry meters;

    public CommandExecutor(CommandGateway commandGateway, TransactionTemplate transaction,
                           IdempotencyKeys idempotencyKeys, ProjectCodes projectCodes, ProjectRegions projectRegions,
                           EventChain eventChain, JsonMapper json, MeterRegistry meters) {
        this.meters = meters;
        this.projectRegions = projectRegions;
        this.eventChain = eventChain;
        this.commandGateway = commandGateway;
        this.transaction = transaction;
        this.idempotencyKeys = idempotencyKeys;
        this.projectCodes = projectCodes;
        this.json = json;
    }

    /**
     * @param request        where the command came from: its key, correlation id and actor
     * @param body           the request body as received, which the idempotency fingerprint covers
     * @param projectId      the project the command is for
     * @param command        the command for the aggregate
     * @param success        the status of success (201 for a registration, 200 otherwise)
     */
    public Outcome execute(CommandRequest request, Object body, String projectId, Object command,
                           HttpStatus success) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            Outcome result = executeInTransaction(request, body, projectId, command, success);
            outcome = result.replayed() ? "replayed" : "accepted";
            return result;
        } catch (ProblemException refused) {
            outcome = refused.type();
            throw refused;
        } finally {
            sample.stop(Timer.builder("pipeline.commands")
                    .description("Commands handled, by type and outcome (accepted, replayed, or the problem type)")
                    .tag("type", command.getClass().getSimpleName().replace("Command", ""))
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(meters));
        }
    }

    private Outcome executeInTransaction(CommandRequest request, Object body, String projectId, Object command,
                                         HttpStatus success) {
        String fingerprint = fingerprint(request.route(), body);
        return transaction.execute(status -> {
            if (request.idempotencyKey() != null) {
                var first = idempotencyKeys.claim(request.actor(), request.idempotencyKey(), fingerprint);
                if (first.isPresent()) {
                    if (!first.get().fingerprint().equals(fingerprint)) {
                        throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                                "Idempotency key reused", "Idempotency-Key " + request.idempotencyKey()
                                + " was already used for a different request");
                    }
                    return new Outcome(HttpStatus.valueOf(first.get().status()), first.get().result(), true);
                }
            }
            applySetBasedRules(command);
            send(command, metaData(request));
            List<EventChain.StoredEvent> appended = eventChain.seal(projectId);
            appended.forEach(event -> meters.counter("pipeline.events.appended", "type",
                    event.payloadType().substring(event.payloadType().lastIndexOf('.') + 1)).increment());
            // every accepted command appends at least one event; the last one gives the version and position
            EventChain.StoredEvent last = appended.get(appended.size() - 1);
            CommandResult result = new CommandResult(projectId, last.sequence() + 1, last.position());
            if (request.idempotencyKey() != null) {
                idempotencyKeys.complete(request.actor(), request.idempotencyKey(), success.value(), result);
            }
            return new Outcome(success, result, false);
        });
    }

    /**
     * The rules that span projects, checked in the same transaction as the events: a registration records its region
     * (for the region rule of later commands) and claims its projectCode; voiding a project (entered in error) gives its code back so it can be registered correctly.
     */
    private void applySetBasedRules(Object command) {
        if (command instanceof RegisterProjectCommand register) {
            projectRegions.record(register.projectId(), register.regionCode().value());
            if (register.projectCode() != null) {
                projectCodes.claim(register.projectCode(), register.projectId());
            }
        } else if (command instanceof VoidProjectCommand voidProject) {
            projectCodes.releaseCodeOf(voidProject.projectId());
        }
    }

    private void send(Object command, MetaData metaData) {
        try {
            commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
        } catch (ProjectRuleViolation violation) {
            throw asProblem(violation);
        } catch (AggregateNotFoundException notFound) {
            throw projectNotFound(String.valueOf(notFound.getAggregateIdentifier()));
        } catch (ConcurrencyException raced) {
            throw new ProblemException(HttpStatus.CONFLICT, "concurrent-modification", "Concurrent modification",
                    "Another command changed the project at the same moment; read it again and retry");
        }
    }

    private static MetaData metaData(CommandRequest request) {
        Map<String, String> values = new HashMap<>();
        values.put(MetaDataKeys.ACTOR, request.actor());
        values.put(MetaDataKeys.CORRELATION_ID, request.correlationId());
        if (request.idempotencyKey() != null) {
            values.put(MetaDataKeys.IDEMPOTENCY_KEY, request.idempotencyKey());
        }
        return MetaData.from(values);
    }

    private String fingerprint(String route, Object body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(route.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(json.writeValueAsBytes(body));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ProblemException projectNotFound(String projectId) {
        return new ProblemException(HttpStatus.NOT_FOUND, "project-not-found", "Project not found",
                "No project with id " + projectId);
    }

    private static ProblemException asProblem(ProjectRuleViolation violation) {
        HttpStatus status = switch (violation.rule().kind()) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
            case STALE_VERSION -> HttpStatus.PRECONDITION_FAILED;
        };
        String slug = violation.rule().name().toLowerCase().replace('_', '-');
        String title = switch (violation.rule().kind()) {
            case INVALID_INPUT -> "Invalid request";
            case CONFLICT -> "Not allowed in the project's current state";
            case STALE_VERSION -> "Stale version";
        };
        List<FieldProblem> errors = violation.field() == null ? List.of()
                : List.of(new FieldProblem(violation.field(), violation.getMessage()));
        return new ProblemException(status, slug, title, violation.getMessage(), errors);
    }
}
