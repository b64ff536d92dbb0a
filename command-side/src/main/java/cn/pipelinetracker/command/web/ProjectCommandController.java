package cn.pipelinetracker.command.web;

import cn.pipelinetracker.command.project.CancelProjectCommand;
import cn.pipelinetracker.command.project.CompleteConstructionCommand;
import cn.pipelinetracker.command.project.CorrectMilestoneCommand;
import cn.pipelinetracker.command.project.ProjectCommand;
import cn.pipelinetracker.command.project.RegisterProjectCommand;
import cn.pipelinetracker.command.project.ReportProgressCommand;
import cn.pipelinetracker.command.project.ResumeProjectCommand;
import cn.pipelinetracker.command.project.ReviseInvestmentCommand;
import cn.pipelinetracker.command.project.SignProjectCommand;
import cn.pipelinetracker.command.project.StartConstructionCommand;
import cn.pipelinetracker.command.project.StartProductionCommand;
import cn.pipelinetracker.command.project.SuspendProjectCommand;
import cn.pipelinetracker.command.project.VoidProjectCommand;
import cn.pipelinetracker.command.projectcode.ProjectRegions;
import cn.pipelinetracker.command.web.ProjectRequests.CompleteConstruction;
import cn.pipelinetracker.command.web.ProjectRequests.CorrectMilestone;
import cn.pipelinetracker.command.web.ProjectRequests.OptionalReason;
import cn.pipelinetracker.command.web.ProjectRequests.Reason;
import cn.pipelinetracker.command.web.ProjectRequests.RegisterProject;
import cn.pipelinetracker.command.web.ProjectRequests.ReportProgress;
import cn.pipelinetracker.command.web.ProjectRequests.ReviseInvestment;
import cn.pipelinetracker.command.web.ProjectRequests.SignProject;
import cn.pipelinetracker.command.web.ProjectRequests.StartConstruction;
import cn.pipelinetracker.command.web.ProjectRequests.StartProduction;
import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.RegionCode;
import cn.pipelinetracker.platform.reference.IndustryList;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.security.CurrentUser;
import cn.pipelinetracker.platform.web.FieldProblem;
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

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** The command endpoints of the HTTP contract: each checks its body, builds a command and runs it. */
@RestController
@RequestMapping(path = "/api/v1/projects", produces = "application/json")
public class ProjectCommandController {

    private static final Pattern VERSION = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    private final CommandExecutor executor;
    private final ProjectRegions projectRegions;
    private final CurrentUser currentUser;
    private final RegionTree regions;
    private final IndustryList industries;
    private final Clock clock;

    public ProjectCommandController(CommandExecutor executor, ProjectRegions projectRegions, CurrentUser currentUser,
                                    RegionTree regions, IndustryList industries, Clock clock) {
        this.executor = executor;
        this.projectRegions = projectRegions;
        this.currentUser = currentUser;
        this.regions = regions;
        this.industries = industries;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<CommandResult> register(@Valid @RequestBody RegisterProject body, HttpServletRequest http) {
        requireKnownReferences(body.regionCode(), body.industry());
        currentUser.requireAccess(body.regionCode(), "The project");
        String projectId = UUID.randomUUID().toString();
        var command = new RegisterProjectCommand(projectId, body.projectCode(), body.name(),
                body.investor(), RegionCode.of(body.regionCode()), IndustryCode.of(body.industry()),
                body.sourceRegion(), Money.ofYuan(body.plannedInvestmentYuan()),
                body.registeredOn() == null ? LocalDate.now(clock) : body.registeredOn(), body.landAreaMu(),
                body.expectedJobs(), body.tags());
        return respond(executor.execute(CommandRequest.of(http, currentUser.get()), body, projectId, command,
                HttpStatus.CREATED));
    }

    @PostMapping("/{id}/sign")
    ResponseEntity<CommandResult> sign(@PathVariable String id, @Valid @RequestBody SignProject body,
                                       @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                       HttpServletRequest http) {
        return run(http, body, new SignProjectCommand(projectId(id), version(ifMatch), body.signedOn(),
                money(body.contractedInvestmentYuan())));
    }

    @PostMapping("/{id}/start-construction")
    ResponseEntity<CommandResult> startConstruction(@PathVariable String id,
                                                    @Valid @RequestBody StartConstruction body,
                                                    @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                    HttpServletRequest http) {
        return run(http, body, new StartConstructionCommand(projectId(id), version(ifMatch), body.startedOn()));
    }

    @PostMapping("/{id}/complete-construction")
    ResponseEntity<CommandResult> completeConstruction(@PathVariable String id,
                                                       @Valid @RequestBody CompleteConstruction body,
                                                       @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                       HttpServletRequest http) {
        return run(http, body, new CompleteConstructionCommand(projectId(id), version(ifMatch), body.completedOn()));
    }

    @PostMapping("/{id}/start-production")
    ResponseEntity<CommandResult> startProduction(@PathVariable String id, @Valid @RequestBody StartProduction body,
                                                  @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                  HttpServletRequest http) {
        return run(http, body, new StartProductionCommand(projectId(id), version(ifMatch), body.startedOn(),
                body.scope()));
    }

    @PostMapping("/{id}/revise-investment")
    ResponseEntity<CommandResult> reviseInvestment(@PathVariable String id, @Valid @RequestBody ReviseInvestment body,
                                                   @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                   HttpServletRequest http) {
        return run(http, body, new ReviseInvestmentCommand(projectId(id), version(ifMatch),
                Money.ofYuan(body.plannedInvestmentYuan()), body.reason()));
    }

    @PostMapping("/{id}/report-progress")
    ResponseEntity<CommandResult> reportProgress(@PathVariable String id, @Valid @RequestBody ReportProgress body,
                                                 @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                 HttpServletRequest http) {
        if (body.completedInvestmentYuan() == null && body.constructionProgressPercent() == null) {
            throw ProblemException.invalidField("completedInvestmentYuan",
                    "give completedInvestmentYuan and/or constructionProgressPercent");
        }
        return run(http, body, new ReportProgressCommand(projectId(id), version(ifMatch), body.asOf(),
                money(body.completedInvestmentYuan()), body.constructionProgressPercent()));
    }

    @PostMapping("/{id}/suspend")
    ResponseEntity<CommandResult> suspend(@PathVariable String id, @Valid @RequestBody Reason body,
                                          @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                          HttpServletRequest http) {
        return run(http, body, new SuspendProjectCommand(projectId(id), version(ifMatch), body.reason()));
    }

    @PostMapping("/{id}/resume")
    ResponseEntity<CommandResult> resume(@PathVariable String id,
                                         @Valid @RequestBody(required = false) OptionalReason body,
                                         @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                         HttpServletRequest http) {
        OptionalReason given = body == null ? new OptionalReason(null) : body;
        return run(http, given, new ResumeProjectCommand(projectId(id), version(ifMatch), given.reason()));
    }

    @PostMapping("/{id}/cancel")
    ResponseEntity<CommandResult> cancel(@PathVariable String id, @Valid @RequestBody Reason body,
                                         @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                         HttpServletRequest http) {
        return run(http, body, new CancelProjectCommand(projectId(id), version(ifMatch), body.reason()));
    }

    @PostMapping("/{id}/void")
    ResponseEntity<CommandResult> voidProject(@PathVariable String id, @Valid @RequestBody Reason body,
                                              @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                              HttpServletRequest http) {
        return run(http, body, new VoidProjectCommand(projectId(id), version(ifMatch), body.reason()));
    }

    @PostMapping("/{id}/correct-milestone")
    ResponseEntity<CommandResult> correctMilestone(@PathVariable String id, @Valid @RequestBody CorrectMilestone body,
                                                   @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                   HttpServletRequest http) {
        return run(http, body, new CorrectMilestoneCommand(projectId(id), version(ifMatch), body.milestone(),
                body.date(), body.reason()));
    }

    private ResponseEntity<CommandResult> run(HttpServletRequest http, Object body,
                                              ProjectCommand command) {
        String region = projectRegions.regionOf(command.projectId())
                .orElseThrow(() -> CommandExecutor.projectNotFound(command.projectId()));
        currentUser.requireAccess(region, "Project " + command.projectId());
        return respond(executor.execute(CommandRequest.of(http, currentUser.get()), body, command.projectId(), command,
                HttpStatus.OK));
    }

    private static ResponseEntity<CommandResult> respond(CommandExecutor.Outcome outcome) {
        CommandResult result = outcome.result();
        var response = ResponseEntity.status(outcome.status())
                .eTag("\"" + result.version() + "\"")
                .header("Idempotent-Replayed", Boolean.toString(outcome.replayed()));
        if (outcome.status() == HttpStatus.CREATED) {
            response.location(URI.create("/api/v1/projects/" + result.projectId()));
        }
        return response.body(result);
    }

    private void requireKnownReferences(String regionCode, String industry) {
        List<FieldProblem> errors = new ArrayList<>();
        if (!regions.contains(regionCode)) {
            errors.add(new FieldProblem("regionCode", "unknown region code " + regionCode
                    + " (GET /api/v1/regions lists them)"));
        }
        if (!industries.contains(industry)) {
            errors.add(new FieldProblem("industry", "unknown industry " + industry
                    + " (GET /api/v1/industries lists them)"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()), errors);
        }
    }

    /** Project ids are UUIDs; anything else cannot name a project. */
    private static String projectId(String id) {
        try {
            return UUID.fromString(id).toString().equals(id.toLowerCase()) ? id.toLowerCase() : fail(id);
        } catch (IllegalArgumentException e) {
            return fail(id);
        }
    }

    private static String fail(String id) {
        throw CommandExecutor.projectNotFound(id);
    }

    /** {@code If-Match: "3"} (quotes optional) → 3; absent or {@code *} → no expectation. */
    private static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        var matcher = VERSION.matcher(ifMatch.strip());
        if (!matcher.matches()) {
            throw ProblemException.invalidField("If-Match", "must be a project version such as \"3\"");
        }
        return Long.parseLong(matcher.group(1));
    }

    private static Money money(BigDecimal yuan) {
        return yuan == null ? null : Money.ofYuan(yuan);
    }
}
