package cn.pipelinetracker.command.project;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;
import org.springframework.stereotype.Component;

/**
 * Makes the empty project that Axon rebuilds from its events, by its constructor. Axon's default for an
 * {@code @Aggregate} creates a Spring prototype bean through the application context each time a project is loaded,
 * though a project has nothing to inject: that cost a tenth of a ledger import's CPU. Axon takes a bean of this name in
 * place of its default.
 */
@Component("investmentProjectAggregateFactory")
class InvestmentProjectFactory implements AggregateFactory<InvestmentProject> {

    @Override
    public InvestmentProject createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
        return new InvestmentProject();
    }

    @Override
    public Class<InvestmentProject> getAggregateType() {
        return InvestmentProject.class;
    }
}
