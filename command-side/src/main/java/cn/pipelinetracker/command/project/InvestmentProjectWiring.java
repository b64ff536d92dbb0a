package cn.pipelinetracker.command.project;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How Axon makes and finds a project, without the reflection of its defaults — together a fifth of the CPU a ledger
 * import spent on each command. Axon takes beans of these names in place of its defaults.
 */
@Configuration(proxyBeanMethods = false)
class InvestmentProjectWiring {

    /**
     * The empty project that Axon rebuilds from its events, made by its constructor: Axon's default for an
     * {@code @Aggregate} creates a Spring prototype bean through the application context each time a project is
     * loaded, though a project has nothing to inject.
     */
    @Bean
    AggregateFactory<InvestmentProject> investmentProjectAggregateFactory() {
        return new AggregateFactory<>() {
            @Override
            public InvestmentProject createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
                return new InvestmentProject();
            }

            @Override
            public Class<InvestmentProject> getAggregateType() {
                return InvestmentProject.class;
            }
        };
    }

    /**
     * The project a command is for, read from {@link ProjectCommand#projectId()} rather than by looking for the
     * annotated field each time. No version goes to Axon: the aggregate checks {@code expectedVersion} itself.
     */
    @Bean
    CommandTargetResolver projectCommandTargetResolver() {
        CommandTargetResolver annotated = AnnotationCommandTargetResolver.builder().build();
        return command -> {
            if (command.getPayload() instanceof ProjectCommand projectCommand && projectCommand.projectId() != null) {
                return new VersionedAggregateIdentifier(projectCommand.projectId(), null);
            }
            return annotated.resolveTarget(command);
        };
    }
}
