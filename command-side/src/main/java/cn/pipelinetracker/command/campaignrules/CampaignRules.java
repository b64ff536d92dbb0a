package cn.pipelinetracker.command.campaignrules;

import cn.pipelinetracker.command.campaign.CampaignCommand;
import cn.pipelinetracker.command.campaign.CreateCampaignCommand;
import cn.pipelinetracker.command.campaign.EnrolProjectCommand;
import cn.pipelinetracker.command.campaign.WithdrawProjectCommand;
import cn.pipelinetracker.command.handling.CommandRefusal;
import cn.pipelinetracker.command.handling.CrossProjectRule;
import cn.pipelinetracker.command.projectregion.ProjectRegions;
import cn.pipelinetracker.command.projectregion.RegionRules;
import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.reference.RegionTree;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The rules that span a campaign and the projects or other campaigns: it names a region that exists, its actor acts
 * in the campaign's region subtree (access first, so that a refused actor learns nothing else), it enrols projects of
 * its own region subtree, and a project counts for a bucket in one campaign only.
 */
@Configuration(proxyBeanMethods = false)
class CampaignRules {

    @Bean
    @Order(0)
    CrossProjectRule<CreateCampaignCommand> campaignNamesAKnownRegion(RegionTree regions) {
        return CrossProjectRule.of(CreateCampaignCommand.class, (create, envelope) ->
                RegionRules.requireKnownRegion(regions, create.regionCode().value(), "regionCode"));
    }

    @Bean
    @Order(1)
    CrossProjectRule<CreateCampaignCommand> newCampaignInTheActorsRegion(RegionTree regions) {
        return CrossProjectRule.of(CreateCampaignCommand.class, (create, envelope) -> {
            String region = create.regionCode().value();
            envelope.actor().requireRegion(regions, region,
                    Phrase.of("subject.region", "Region " + region, region));
        });
    }

    /** A campaign that does not exist is not found; one outside the actor's subtree is refused. */
    @Bean
    @Order(1)
    CrossProjectRule<CampaignCommand> campaignInTheActorsRegion(RegionTree regions, CampaignClaims claims) {
        return CrossProjectRule.of(CampaignCommand.class, (command, envelope) -> {
            String region = claims.regionOf(command.campaignId())
                    .orElseThrow(() -> CommandRefusal.campaignNotFound(command.campaignId()));
            envelope.actor().requireRegion(regions, region,
                    Phrase.of("subject.campaign", "Campaign " + command.campaignId(), command.campaignId()));
        });
    }

    /** The project enrolled exists, lies in the actor's subtree, and in the campaign's region subtree. */
    @Bean
    @Order(5)
    CrossProjectRule<EnrolProjectCommand> enrolledProjectInTheCampaignsRegion(RegionTree regions,
                                                                              ProjectRegions projectRegions,
                                                                              CampaignClaims claims) {
        return CrossProjectRule.of(EnrolProjectCommand.class, (enrol, envelope) -> {
            String projectRegion = projectRegions.regionOf(enrol.projectId())
                    .orElseThrow(() -> CommandRefusal.projectNotFound(enrol.projectId()));
            envelope.actor().requireRegion(regions, projectRegion,
                    Phrase.of("subject.project", "Project " + enrol.projectId(), enrol.projectId()));
            String campaignRegion = claims.regionOf(enrol.campaignId()).orElseThrow();
            if (!regions.subtree(campaignRegion).contains(projectRegion)) {
                throw new CommandRefusal(CommandRefusal.Kind.CONFLICT, "project-outside-campaign-region", "projectId",
                        Phrase.of("refusal.project-outside-campaign-region", "project " + enrol.projectId()
                                + " lies outside the campaign's region " + campaignRegion, enrol.projectId(),
                                campaignRegion));
            }
        });
    }

    @Bean
    @Order(10)
    CrossProjectRule<CreateCampaignCommand> campaignRecordsItsRegion(CampaignClaims claims) {
        return CrossProjectRule.of(CreateCampaignCommand.class, (create, envelope) ->
                claims.recordRegion(create.campaignId(), create.regionCode().value()));
    }

    @Bean
    @Order(20)
    CrossProjectRule<EnrolProjectCommand> bucketCountedByOneCampaign(CampaignClaims claims) {
        return CrossProjectRule.of(EnrolProjectCommand.class, (enrol, envelope) ->
                claims.claim(enrol.projectId(), enrol.bucket(), enrol.campaignId()));
    }

    @Bean
    @Order(20)
    CrossProjectRule<WithdrawProjectCommand> withdrawalFreesTheBucket(CampaignClaims claims) {
        return CrossProjectRule.of(WithdrawProjectCommand.class, (withdraw, envelope) ->
                claims.release(withdraw.projectId(), withdraw.campaignId()));
    }
}
