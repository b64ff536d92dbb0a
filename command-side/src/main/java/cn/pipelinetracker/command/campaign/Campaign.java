package cn.pipelinetracker.command.campaign;

import cn.pipelinetracker.events.CampaignBucket;
import cn.pipelinetracker.events.CampaignCreatedEvent;
import cn.pipelinetracker.events.CampaignHeldEvent;
import cn.pipelinetracker.events.CampaignHeldEvent.Announced;
import cn.pipelinetracker.events.CampaignProjectEnrolledEvent;
import cn.pipelinetracker.events.CampaignProjectWithdrawnEvent;
import cn.pipelinetracker.events.Money;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static cn.pipelinetracker.command.campaign.CampaignRule.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A campaign event (集中签约 / 集中开工 / 集中投产) of a region: planned, projects enrolled in its three buckets, then
 * held, which freezes what it announced. The rules that span campaigns and projects (a project of the campaign's
 * region; a bucket counted by one campaign only) are checked by the command layer before a command gets here.
 */
@Aggregate
public class Campaign {

    @AggregateIdentifier
    private String campaignId;
    private LocalDate heldOn;
    private boolean held;
    /** The projects enrolled, in the order they were, with their bucket. */
    private final Map<String, CampaignBucket> enrolled = new LinkedHashMap<>();

    protected Campaign() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    public Campaign(CreateCampaignCommand command) {
        apply(new CampaignCreatedEvent(command.campaignId(), command.name(), command.regionCode(), command.heldOn()));
    }

    @CommandHandlerInterceptor
    public void nothingAfterHolding(CampaignCommand command) {
        if (held) {
            throw new CampaignRuleViolation(NOTHING_AFTER_HOLDING, "the campaign was held on " + heldOn
                    + "; what it announced is frozen", heldOn.toString());
        }
    }

    @CommandHandler
    public void handle(EnrolProjectCommand command, ProjectFacts projectFacts) {
        CampaignBucket already = enrolled.get(command.projectId());
        if (already != null) {
            throw new CampaignRuleViolation(ONE_BUCKET_PER_PROJECT, "project " + command.projectId()
                    + " is enrolled in this campaign's " + already + " bucket already (withdraw it first to move it)",
                    command.projectId(), already);
        }
        ProjectFacts.Facts project = projectFacts.of(List.of(command.projectId())).get(command.projectId());
        if (project != null && project.ending() != null) {
            throw new CampaignRuleViolation(NO_CANCELLED_OR_VOIDED_PROJECT, "project " + command.projectId()
                    + " is " + project.ending().name().toLowerCase() + "; a campaign enrols projects in the pipeline only",
                    command.projectId(), project.ending());
        }
        apply(new CampaignProjectEnrolledEvent(campaignId, command.projectId(), command.bucket()));
    }

    @CommandHandler
    public void handle(WithdrawProjectCommand command) {
        CampaignBucket bucket = enrolled.get(command.projectId());
        if (bucket == null) {
            throw new CampaignRuleViolation(WITHDRAW_ONLY_ENROLLED, "project " + command.projectId()
                    + " is not enrolled in this campaign", command.projectId());
        }
        apply(new CampaignProjectWithdrawnEvent(campaignId, command.projectId(), bucket));
    }

    @CommandHandler
    public void handle(HoldCampaignCommand command, Clock clock, ProjectFacts projectFacts) {
        LocalDate today = LocalDate.now(clock);
        if (heldOn.isAfter(today)) {
            throw new CampaignRuleViolation(HOLD_NOT_BEFORE_HELD_ON, "the campaign is to be held on " + heldOn
                    + "; it cannot be held before that day (today is " + today + ")", heldOn.toString(),
                    today.toString());
        }
        Map<String, ProjectFacts.Facts> facts = projectFacts.of(enrolled.keySet());
        List<String> notReached = enrolled.entrySet().stream()
                .filter(entry -> {
                    ProjectFacts.Facts fact = facts.get(entry.getKey());
                    return fact == null || !fact.voided() && !fact.reachedBy(entry.getValue().milestone(), heldOn);
                })
                .map(entry -> entry.getKey() + " (" + entry.getValue().milestone() + ")")
                .toList();
        if (!notReached.isEmpty()) {
            throw new CampaignRuleViolation(ENROLLED_PROJECTS_REACHED_THEIR_MILESTONE, notReached.size()
                    + " enrolled project(s) had not reached their bucket's milestone by " + heldOn + ": "
                    + String.join(", ", notReached), notReached.size(), heldOn.toString(),
                    String.join(", ", notReached));
        }
        apply(new CampaignHeldEvent(campaignId, heldOn, announced(facts)));
    }

    /** Per bucket, the projects enrolled in it and their planned investment, as the statistics count them now. */
    private List<Announced> announced(Map<String, ProjectFacts.Facts> facts) {
        Map<CampaignBucket, List<ProjectFacts.Facts>> counted = enrolled.entrySet().stream()
                .filter(entry -> !facts.get(entry.getKey()).voided())
                .collect(Collectors.groupingBy(Map.Entry::getValue,
                        Collectors.mapping(entry -> facts.get(entry.getKey()), Collectors.toList())));
        List<Announced> announced = new ArrayList<>();
        for (CampaignBucket bucket : CampaignBucket.values()) {
            List<ProjectFacts.Facts> projects = counted.getOrDefault(bucket, List.of());
            announced.add(new Announced(bucket, projects.size(), projects.stream()
                    .map(ProjectFacts.Facts::plannedInvestmentYuan).reduce(Money.ZERO, Money::plus)));
        }
        return announced;
    }

    @EventSourcingHandler
    void on(CampaignCreatedEvent event) {
        campaignId = event.campaignId();
        heldOn = event.heldOn();
    }

    @EventSourcingHandler
    void on(CampaignProjectEnrolledEvent event) {
        enrolled.put(event.projectId(), event.bucket());
    }

    @EventSourcingHandler
    void on(CampaignProjectWithdrawnEvent event) {
        enrolled.remove(event.projectId());
    }

    @EventSourcingHandler
    void on(CampaignHeldEvent event) {
        held = true;
    }
}
