package cn.pipelinetracker.command.web;

import cn.pipelinetracker.command.handling.CommandOutcome;
import cn.pipelinetracker.command.handling.Commands;
import cn.pipelinetracker.command.web.ProjectRequests.ProjectCommandRequest;
import cn.pipelinetracker.command.web.ProjectRequests.RegisterProject;
import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerMapping;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The command endpoints of the HTTP contract, thin: read the body, make the command, hand it to {@link Commands},
 * answer its outcome. Refusals become problems in {@link CommandRefusalAdvice}.
 */
@RestController
@RequestMapping(path = "/api/v1/projects", produces = "application/json")
public class ProjectCommandController {

    private static final Pattern VERSION = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    private final Commands commands;
    private final HttpCommands http;
    private final Clock clock;

    public ProjectCommandController(Commands commands, HttpCommands http, Clock clock) {
        this.commands = commands;
        this.http = http;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<CommandResult> register(@Valid @RequestBody RegisterProject body, HttpServletRequest request) {
        var command = body.toCommand(UUID.randomUUID().toString(), LocalDate.now(clock));
        CommandOutcome outcome = commands.handle(http.envelope(request, body, command));
        return respond(outcome, HttpStatus.CREATED)
                .location(URI.create("/api/v1/projects/" + outcome.aggregateId()))
                .body(CommandResult.of(outcome));
    }

    /**
     * Every command on an existing project, one shape: the last path segment names the command (the contract's table;
     * {@link ProjectRequests#BY_ACTION} gives its body).
     */
    @PostMapping({"/{id}/sign", "/{id}/start-construction", "/{id}/complete-construction", "/{id}/start-production",
            "/{id}/revise-investment", "/{id}/report-progress", "/{id}/suspend", "/{id}/resume", "/{id}/cancel",
            "/{id}/void", "/{id}/correct-milestone", "/{id}/correct-details"})
    ResponseEntity<CommandResult> command(@PathVariable String id,
                                          @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                          @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        String pattern = String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
        Class<? extends ProjectCommandRequest> type =
                ProjectRequests.BY_ACTION.get(pattern.substring(pattern.lastIndexOf('/') + 1));
        ProjectCommandRequest read = http.body(request, body, type, type == ProjectRequests.Resume.class);
        var command = read.toCommand(projectId(id), version(ifMatch));
        CommandOutcome outcome = commands.handle(http.envelope(request, read, command));
        return respond(outcome, HttpStatus.OK).body(CommandResult.of(outcome));
    }

    private static ResponseEntity.BodyBuilder respond(CommandOutcome outcome, HttpStatus status) {
        return ResponseEntity.status(status)
                .eTag("\"" + outcome.version() + "\"")
                .header("Idempotent-Replayed", Boolean.toString(outcome.replayed()));
    }

    /** Project ids are UUIDs; anything else cannot name a project. */
    private static String projectId(String id) {
        try {
            if (UUID.fromString(id).toString().equals(id.toLowerCase())) {
                return id.toLowerCase();
            }
        } catch (IllegalArgumentException notAUuid) {
            // not found, below
        }
        throw new ProblemException(HttpStatus.NOT_FOUND, "project-not-found", "Project not found",
                Phrase.of("refusal.project-not-found", "No project with id " + id, id));
    }

    /** {@code If-Match: "3"} (quotes optional) → 3; absent or {@code *} → no expectation. */
    private static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        var matcher = VERSION.matcher(ifMatch.strip());
        if (!matcher.matches()) {
            throw ProblemException.invalidField("If-Match", Phrase.of("problem.if-match",
                    "must be a project version such as \"3\""));
        }
        return Long.parseLong(matcher.group(1));
    }
}
