package cn.pipelinetracker.command.projectregion;

import cn.pipelinetracker.command.handling.CommandRefusal;
import cn.pipelinetracker.command.handling.CrossProjectRule;
import cn.pipelinetracker.command.project.CorrectDetailsCommand;
import cn.pipelinetracker.command.project.ProjectCommand;
import cn.pipelinetracker.command.project.RegisterProjectCommand;
import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.RegionCode;
import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.reference.IndustryList;
import cn.pipelinetracker.platform.reference.RegionTree;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The rules about where a project lies: it names a region and an industry that exist, its region is recorded with its
 * registration (for the region rule of every later command), and an actor acts only on projects of its own region
 * subtree. The access rules come first, so that a refused actor learns nothing else.
 */
@Configuration(proxyBeanMethods = false)
class ProjectRegionRules {

    @Bean
    @Order(0)
    CrossProjectRule<RegisterProjectCommand> registrationNamesKnownReferences(RegionTree regions,
                                                                              IndustryList industries) {
        return CrossProjectRule.of(RegisterProjectCommand.class, (register, envelope) ->
                requireKnown(regions, industries, register.regionCode(), register.industry()));
    }

    @Bean
    @Order(0)
    CrossProjectRule<CorrectDetailsCommand> correctionNamesKnownReferences(RegionTree regions,
                                                                          IndustryList industries) {
        return CrossProjectRule.of(CorrectDetailsCommand.class, (correction, envelope) ->
                requireKnown(regions, industries, correction.regionCode(), correction.industry()));
    }

    /** Moving a project takes both regions: the one it lies in (checked for every command) and the one it goes to. */
    @Bean
    @Order(1)
    CrossProjectRule<CorrectDetailsCommand> correctedRegionInTheActorsRegion(RegionTree regions) {
        return CrossProjectRule.of(CorrectDetailsCommand.class, (correction, envelope) -> {
            if (correction.regionCode() != null) {
                String region = correction.regionCode().value();
                envelope.actor().requireRegion(regions, region,
                        Phrase.of("subject.region", "Region " + region, region));
            }
        });
    }

    @Bean
    @Order(10)
    CrossProjectRule<CorrectDetailsCommand> correctionMovesTheRegion(ProjectRegions projectRegions) {
        return CrossProjectRule.of(CorrectDetailsCommand.class, (correction, envelope) -> {
            if (correction.regionCode() != null) {
                projectRegions.move(correction.projectId(), correction.regionCode().value());
            }
        });
    }

    private static void requireKnown(RegionTree regions, IndustryList industries, RegionCode regionCode,
                                     IndustryCode industryCode) {
        if (regionCode != null) {
            RegionRules.requireKnownRegion(regions, regionCode.value(), "regionCode");
        }
        if (industryCode != null && !industries.contains(industryCode.value())) {
            String industry = industryCode.value();
            throw new CommandRefusal(CommandRefusal.Kind.INVALID, "invalid-request", "industry",
                    Phrase.of("refusal.unknown-industry", "unknown industry " + industry
                            + " (GET /api/v1/industries lists them)", industry));
        }
    }

    @Bean
    @Order(1)
    CrossProjectRule<RegisterProjectCommand> registrationInTheActorsRegion(RegionTree regions) {
        return CrossProjectRule.of(RegisterProjectCommand.class, (register, envelope) ->
                envelope.actor().requireRegion(regions, register.regionCode().value(),
                        Phrase.of("subject.new-project", "The project")));
    }

    /** A project that does not exist is not found; one outside the actor's subtree is refused without saying where. */
    @Bean
    @Order(1)
    CrossProjectRule<ProjectCommand> projectInTheActorsRegion(RegionTree regions, ProjectRegions projectRegions) {
        return CrossProjectRule.of(ProjectCommand.class, (command, envelope) -> {
            String region = projectRegions.regionOf(command.projectId())
                    .orElseThrow(() -> CommandRefusal.projectNotFound(command.projectId()));
            envelope.actor().requireRegion(regions, region,
                    Phrase.of("subject.project", "Project " + command.projectId(), command.projectId()));
        });
    }

    @Bean
    @Order(10)
    CrossProjectRule<RegisterProjectCommand> registrationRecordsTheRegion(ProjectRegions projectRegions) {
        return CrossProjectRule.of(RegisterProjectCommand.class, (register, envelope) ->
                projectRegions.record(register.projectId(), register.regionCode().value()));
    }
}
