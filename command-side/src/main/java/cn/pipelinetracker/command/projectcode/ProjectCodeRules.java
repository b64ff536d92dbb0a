package cn.pipelinetracker.command.projectcode;

import cn.pipelinetracker.command.handling.CrossProjectRule;
import cn.pipelinetracker.command.project.CorrectDetailsCommand;
import cn.pipelinetracker.command.project.RegisterProjectCommand;
import cn.pipelinetracker.command.project.VoidProjectCommand;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The set-based rule "a projectCode belongs to one project that is not voided", as two cross-project rules. */
@Configuration(proxyBeanMethods = false)
class ProjectCodeRules {

    /** A registration with a code claims it; a code already held is a conflict naming the holder. */
    @Bean
    @Order(20)
    CrossProjectRule<RegisterProjectCommand> projectCodeIsUnique(ProjectCodes codes) {
        return CrossProjectRule.of(RegisterProjectCommand.class, (register, envelope) -> {
            if (register.projectCode() != null) {
                codes.claim(register.projectCode(), register.projectId());
            }
        });
    }

    /** A corrected code is claimed like a registration's (a conflict naming the holder) and the old one is freed. */
    @Bean
    @Order(20)
    CrossProjectRule<CorrectDetailsCommand> correctedProjectCodeIsUnique(ProjectCodes codes) {
        return CrossProjectRule.of(CorrectDetailsCommand.class, (correction, envelope) -> {
            if (correction.projectCode() != null) {
                codes.releaseCodeOf(correction.projectId());
                codes.claim(correction.projectCode(), correction.projectId());
            }
        });
    }

    /** A project voided (entered in error) gives its code back, so that it can be registered correctly. */
    @Bean
    @Order(20)
    CrossProjectRule<VoidProjectCommand> voidingReleasesTheProjectCode(ProjectCodes codes) {
        return CrossProjectRule.of(VoidProjectCommand.class,
                (voided, envelope) -> codes.releaseCodeOf(voided.projectId()));
    }
}
