package cn.pipelinetracker.command.web;

import cn.pipelinetracker.command.campaign.CreateCampaignCommand;
import cn.pipelinetracker.command.campaign.EnrolProjectCommand;
import cn.pipelinetracker.command.campaign.HoldCampaignCommand;
import cn.pipelinetracker.command.campaign.WithdrawProjectCommand;
import cn.pipelinetracker.command.handling.CommandOutcome;
import cn.pipelinetracker.command.handling.CommandRefusal;
import cn.pipelinetracker.command.handling.Commands;
import cn.pipelinetracker.events.CampaignBucket;
import cn.pipelinetracker.events.RegionCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * The campaign commands of the HTTP contract ("Campaigns"), thin like the project commands: read the body, make the
 * command, hand it to {@link Commands}, answer its outcome.
 */
@RestController
@RequestMapping(path = "/api/v1/campaigns", produces = "application/json")
public class CampaignCommandController {

    /** {@code POST /api/v1/campaigns}. */
    public record CreateCampaign(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = RegionCode.WELL_FORMED, message = "{field.region-code}") String regionCode,
            @NotNull LocalDate heldOn) {
    }

    /** {@code POST /api/v1/campaigns/{id}/projects}. */
    public record EnrolProject(@NotBlank @Size(max = 36) String projectId, @NotNull CampaignBucket bucket) {
    }

    /** What every accepted campaign command answers, for {@code awaitPosition} on the query side. */
    public record CampaignResult(String campaignId, long version, long position) {

        static CampaignResult of(CommandOutcome outcome) {
            return new CampaignResult(outcome.aggregateId(), outcome.version(), outcome.position());
        }
    }

    private final Commands commands;
    private final HttpCommands http;

    public CampaignCommandController(Commands commands, HttpCommands http) {
        this.commands = commands;
        this.http = http;
    }

    @PostMapping
    ResponseEntity<CampaignResult> create(@Valid @RequestBody CreateCampaign body, HttpServletRequest request) {
        var command = new CreateCampaignCommand(UUID.randomUUID().toString(), body.name(),
                RegionCode.of(body.regionCode()), body.heldOn());
        CommandOutcome outcome = commands.handle(http.envelope(request, body, command));
        return respond(outcome, HttpStatus.CREATED)
                .location(URI.create("/api/v1/campaigns/" + outcome.aggregateId()))
                .body(CampaignResult.of(outcome));
    }

    @PostMapping("/{id}/projects")
    ResponseEntity<CampaignResult> enrol(@PathVariable String id, @Valid @RequestBody EnrolProject body,
                                         HttpServletRequest request) {
        var command = new EnrolProjectCommand(campaignId(id), body.projectId().toLowerCase(), body.bucket());
        return respond(commands.handle(http.envelope(request, body, command)));
    }

    @DeleteMapping("/{id}/projects/{projectId}")
    ResponseEntity<CampaignResult> withdraw(@PathVariable String id, @PathVariable String projectId,
                                            HttpServletRequest request) {
        var command = new WithdrawProjectCommand(campaignId(id), projectId.toLowerCase());
        return respond(commands.handle(http.envelope(request, Map.of(), command)));
    }

    @PostMapping("/{id}/hold")
    ResponseEntity<CampaignResult> hold(@PathVariable String id, HttpServletRequest request) {
        var command = new HoldCampaignCommand(campaignId(id));
        return respond(commands.handle(http.envelope(request, Map.of(), command)));
    }

    private static ResponseEntity<CampaignResult> respond(CommandOutcome outcome) {
        return respond(outcome, HttpStatus.OK).body(CampaignResult.of(outcome));
    }

    private static ResponseEntity.BodyBuilder respond(CommandOutcome outcome, HttpStatus status) {
        return ResponseEntity.status(status)
                .header("Idempotent-Replayed", Boolean.toString(outcome.replayed()));
    }

    /** Campaign ids are UUIDs; anything else cannot name a campaign. */
    private static String campaignId(String id) {
        try {
            if (UUID.fromString(id).toString().equals(id.toLowerCase())) {
                return id.toLowerCase();
            }
        } catch (IllegalArgumentException notAUuid) {
            // not found, below
        }
        throw CommandRefusal.campaignNotFound(id);
    }
}
