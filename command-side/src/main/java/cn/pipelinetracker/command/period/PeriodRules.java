package cn.pipelinetracker.command.period;

import cn.pipelinetracker.command.handling.CommandEnvelope;
import cn.pipelinetracker.command.handling.CrossProjectRule;
import cn.pipelinetracker.command.period.ClosedPeriods.ClosedPeriod;
import cn.pipelinetracker.command.ledger.ProjectState;
import cn.pipelinetracker.command.ledger.ProjectStates;
import cn.pipelinetracker.command.project.CompleteConstructionCommand;
import cn.pipelinetracker.command.project.CorrectDetailsCommand;
import cn.pipelinetracker.command.project.CorrectMilestoneCommand;
import cn.pipelinetracker.command.project.ProjectCommand;
import cn.pipelinetracker.command.project.RegisterProjectCommand;
import cn.pipelinetracker.command.project.ReportProgressCommand;
import cn.pipelinetracker.command.project.SignProjectCommand;
import cn.pipelinetracker.command.project.StartConstructionCommand;
import cn.pipelinetracker.command.project.StartProductionCommand;
import cn.pipelinetracker.command.projectregion.ProjectRegions;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.reference.RegionTree;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The monthly close as rules of the command layer: closing and reopening are for the actor's own region subtree, and
 * while a month is closed for a region, no command may put a date into it or take one out of it there — a milestone
 * dated in it, a correction into or out of it, progress as of a day in it, a move of a project with dates in it to or
 * from the region. Revisions, suspensions, cancellations and voids carry no date and stay allowed.
 */
@Configuration(proxyBeanMethods = false)
class PeriodRules {

    @Bean
    @Order(1)
    CrossProjectRule<ClosePeriodCommand> closeInTheActorsRegion(RegionTree regions, ClosedPeriods closed) {
        return CrossProjectRule.of(ClosePeriodCommand.class, (close, envelope) -> {
            requireActorRegion(regions, envelope, close.regionCode().value());
            closed.close(close.regionCode().value(), close.month(), envelope.actor().name());
        });
    }

    @Bean
    @Order(1)
    CrossProjectRule<ReopenPeriodCommand> reopenInTheActorsRegion(RegionTree regions, ClosedPeriods closed) {
        return CrossProjectRule.of(ReopenPeriodCommand.class, (reopen, envelope) -> {
            requireActorRegion(regions, envelope, reopen.regionCode().value());
            closed.reopen(reopen.regionCode().value(), reopen.month());
        });
    }

    @Bean
    @Order(5)
    CrossProjectRule<RegisterProjectCommand> registrationOutsideClosedPeriods(ClosedPeriods closed) {
        return CrossProjectRule.of(RegisterProjectCommand.class, (register, envelope) ->
                ClosedPeriods.requireOpen(closed.covering(register.regionCode().value()),
                        List.of(register.registeredOn())));
    }

    @Bean
    @Order(5)
    CrossProjectRule<ProjectCommand> datesOutsideClosedPeriods(ClosedPeriods closed, ProjectRegions projectRegions,
                                                               ProjectStates states) {
        return CrossProjectRule.of(ProjectCommand.class, (command, envelope) -> {
            List<LocalDate> dates = new ArrayList<>(datesOf(command));
            boolean moves = command instanceof CorrectDetailsCommand correction && correction.regionCode() != null;
            if (dates.isEmpty() && !moves) {
                return;
            }
            String region = projectRegions.regionOf(command.projectId()).orElse(null);
            if (region == null) {
                return; // not found: the aggregate says so
            }
            List<ClosedPeriod> covering = new ArrayList<>(closed.covering(region));
            if (moves) {
                covering.addAll(closed.covering(((CorrectDetailsCommand) command).regionCode().value()));
                if (!covering.isEmpty()) {
                    dates.addAll(milestoneDates(states, command.projectId()).values());
                }
            } else if (command instanceof CorrectMilestoneCommand correction && !covering.isEmpty()) {
                LocalDate before = milestoneDates(states, command.projectId()).get(correction.milestone());
                if (before != null) {
                    dates.add(before);
                }
            }
            ClosedPeriods.requireOpen(covering, dates);
        });
    }

    /** The dates a command states: the day a milestone was reached, the new date of a correction, a progress day. */
    private static List<LocalDate> datesOf(ProjectCommand command) {
        if (command instanceof SignProjectCommand sign) {
            return List.of(sign.signedOn());
        } else if (command instanceof StartConstructionCommand start) {
            return List.of(start.startedOn());
        } else if (command instanceof CompleteConstructionCommand complete) {
            return List.of(complete.completedOn());
        } else if (command instanceof StartProductionCommand start) {
            return List.of(start.startedOn());
        } else if (command instanceof ReportProgressCommand progress) {
            return List.of(progress.asOf());
        } else if (command instanceof CorrectMilestoneCommand correction) {
            return List.of(correction.date());
        }
        return List.of();
    }

    /** The project's milestone dates as its events state them now (within this transaction too). */
    private static Map<Milestone, LocalDate> milestoneDates(ProjectStates states, String projectId) {
        ProjectState state = states.load(List.of(projectId)).get(projectId);
        return state == null ? Map.of() : state.milestones();
    }

    private static void requireActorRegion(RegionTree regions, CommandEnvelope envelope, String region) {
        envelope.actor().requireRegion(regions, region, Phrase.of("subject.region", "Region " + region, region));
    }
}
