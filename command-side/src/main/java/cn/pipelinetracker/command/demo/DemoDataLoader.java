package cn.pipelinetracker.command.demo;

import cn.pipelinetracker.command.campaign.CreateCampaignCommand;
import cn.pipelinetracker.command.campaign.EnrolProjectCommand;
import cn.pipelinetracker.command.campaign.HoldCampaignCommand;
import cn.pipelinetracker.command.demo.DemoProject.Cancel;
import cn.pipelinetracker.command.demo.DemoProject.CompleteConstruction;
import cn.pipelinetracker.command.demo.DemoProject.Correct;
import cn.pipelinetracker.command.demo.DemoProject.ReportProgress;
import cn.pipelinetracker.command.demo.DemoProject.Sign;
import cn.pipelinetracker.command.demo.DemoProject.StartConstruction;
import cn.pipelinetracker.command.demo.DemoProject.StartProduction;
import cn.pipelinetracker.command.demo.DemoProject.Step;
import cn.pipelinetracker.command.demo.DemoProject.Void;
import cn.pipelinetracker.command.handling.CommandEnvelope;
import cn.pipelinetracker.command.handling.CommandSource;
import cn.pipelinetracker.command.handling.Commands;
import cn.pipelinetracker.command.idempotency.IdempotencyKeys;
import cn.pipelinetracker.command.project.CancelProjectCommand;
import cn.pipelinetracker.command.project.CompleteConstructionCommand;
import cn.pipelinetracker.command.project.CorrectMilestoneCommand;
import cn.pipelinetracker.command.project.RegisterProjectCommand;
import cn.pipelinetracker.command.project.ReportProgressCommand;
import cn.pipelinetracker.command.project.SignProjectCommand;
import cn.pipelinetracker.command.project.StartConstructionCommand;
import cn.pipelinetracker.command.project.StartProductionCommand;
import cn.pipelinetracker.command.project.VoidProjectCommand;
import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.RegionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * With {@code --pipeline.demo-data=true}, loads {@link DemoDataset} at start-up through the real command path (its
 * projects, then its campaigns, each held before what its projects did afterwards is recorded), so
 * every fact is an event recorded by the actor {@code demo-loader}. Every command carries a deterministic
 * idempotency key: a second start (or a start after an interrupted load) appends nothing twice.
 */
@Component
@ConditionalOnProperty(name = "pipeline.demo-data", havingValue = "true")
class DemoDataLoader implements ApplicationRunner {

    static final CommandEnvelope.Actor ACTOR = new CommandEnvelope.Actor("demo-loader", null);
    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    private static final int PROGRESS_EVERY = 100;

    private final Commands commands;
    private final IdempotencyKeys idempotencyKeys;

    DemoDataLoader(Commands commands, IdempotencyKeys idempotencyKeys) {
        this.commands = commands;
        this.idempotencyKeys = idempotencyKeys;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<DemoProject> projects = DemoDataset.projects();
        List<DemoCampaign> campaigns = DemoDataset.campaigns();
        DemoCampaign lastCampaign = campaigns.get(campaigns.size() - 1);
        if (idempotencyKeys.isUsed(ACTOR.name(), campaignKey(lastCampaign,
                "after-hold:" + (lastCampaign.afterHold().size() - 1)))) {
            log.info("Demo data already loaded ({} projects); nothing to do", projects.size());
            return;
        }
        log.info("Loading demo data: {} projects through the command path, as actor '{}'", projects.size(), ACTOR.name());
        long started = System.nanoTime();
        for (int i = 0; i < projects.size(); i++) {
            load(projects.get(i));
            if ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == projects.size()) {
                log.info("Demo data: {}/{} projects loaded", i + 1, projects.size());
            }
        }
        campaigns.forEach(this::load);
        log.info("Demo data loaded in {} s ({} campaigns)", (System.nanoTime() - started) / 1_000_000_000,
                campaigns.size());
    }

    /**
     * A campaign planned, filled, what its projects did before it was held, and held, in one group; then, one by one,
     * what its projects did after it.
     */
    private void load(DemoCampaign campaign) {
        String campaignId = UUID.nameUUIDFromBytes(("pipeline-tracker-demo-campaign:" + campaign.key())
                .getBytes(StandardCharsets.UTF_8)).toString();
        List<Object> filled = new ArrayList<>();
        filled.add(new CreateCampaignCommand(campaignId, campaign.name(), RegionCode.of(campaign.regionCode()),
                campaign.heldOn()));
        campaign.enrolments().forEach(enrolment -> filled.add(new EnrolProjectCommand(campaignId,
                projectId(enrolment.projectCode()), enrolment.bucket())));
        List<CommandEnvelope> group = new ArrayList<>();
        for (int i = 0; i < filled.size(); i++) {
            group.add(envelope(campaign.key(), campaignKey(campaign, String.valueOf(i)), filled.get(i)));
        }
        group.addAll(followUps(campaign, campaign.beforeHold(), "before-hold:"));
        group.add(envelope(campaign.key(), campaignKey(campaign, String.valueOf(filled.size())),
                new HoldCampaignCommand(campaignId)));
        commands.handleGroup(group);
        followUps(campaign, campaign.afterHold(), "after-hold:").forEach(commands::handle);
    }

    private static List<CommandEnvelope> followUps(DemoCampaign campaign, List<DemoCampaign.FollowUp> steps,
                                                   String when) {
        List<CommandEnvelope> envelopes = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            DemoCampaign.FollowUp step = steps.get(i);
            envelopes.add(envelope(campaign.key(), campaignKey(campaign, when + i),
                    command(projectId(step.projectCode()), step.step())));
        }
        return envelopes;
    }

    private static String projectId(String projectCode) {
        return UUID.nameUUIDFromBytes(("pipeline-tracker-demo:" + projectCode).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** One project, all of its commands in one group: loaded whole or not at all. */
    private void load(DemoProject project) {
        String projectId = projectId(project.projectCode());
        List<CommandEnvelope> group = new ArrayList<>();
        group.add(envelope(project, 0, new RegisterProjectCommand(projectId, project.projectCode(), project.name(),
                project.investor(), RegionCode.of(project.regionCode()), IndustryCode.of(project.industry()),
                project.sourceRegion(), Money.ofYuan(project.plannedInvestmentYuan()), project.registeredOn(), null,
                null, List.of())));
        for (int i = 0; i < project.steps().size(); i++) {
            group.add(envelope(project, i + 1, command(projectId, project.steps().get(i))));
        }
        commands.handleGroup(group);
    }

    private static Object command(String id, Step step) {
        if (step instanceof Sign sign) {
            return new SignProjectCommand(id, null, sign.on(), null);
        } else if (step instanceof StartConstruction start) {
            return new StartConstructionCommand(id, null, start.on());
        } else if (step instanceof CompleteConstruction done) {
            return new CompleteConstructionCommand(id, null, done.on());
        } else if (step instanceof StartProduction production) {
            return new StartProductionCommand(id, null, production.on(), production.scope());
        } else if (step instanceof ReportProgress progress) {
            return new ReportProgressCommand(id, null, progress.asOf(), Money.ofYuan(progress.completedInvestmentYuan()),
                    progress.percent(), Money.ofYuan(progress.fundsInPlaceYuan()));
        } else if (step instanceof Correct correct) {
            return new CorrectMilestoneCommand(id, null, correct.milestone(), correct.date(), correct.reason());
        } else if (step instanceof Cancel cancel) {
            return new CancelProjectCommand(id, null, cancel.reason());
        } else if (step instanceof Void voided) {
            return new VoidProjectCommand(id, null, voided.reason());
        }
        throw new IllegalArgumentException("unknown demo step " + step);
    }

    /** Keyed deterministically, so that a second start appends nothing twice; the key covers the command itself. */
    private static CommandEnvelope envelope(DemoProject project, int step, Object command) {
        return envelope(project.projectCode(), key(project, step), command);
    }

    private static CommandEnvelope envelope(String subject, String key, Object command) {
        return new CommandEnvelope(command, ACTOR, "demo-" + subject, key, sha256(command.toString()),
                CommandSource.DEMO);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(DemoProject project, int step) {
        return "demo-data-v1:" + project.projectCode() + ":" + step;
    }

    /**
     * The campaign's own commands are numbered from 0 (creation), what its projects did before and after its holding
     * apart ({@code before-hold:N}, {@code after-hold:N}).
     */
    private static String campaignKey(DemoCampaign campaign, String step) {
        return "demo-data-v1:campaign:" + campaign.key() + ":" + step;
    }
}
