package cn.pipelinetracker.command.publication;

import cn.pipelinetracker.events.FigurePublishedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A published figure: one event, never changed afterwards. What it said stays as it was; how today's answer differs
 * is the query side's restatement (docs/decisions/0019-publications-and-close.md).
 */
@Aggregate
public class Publication {

    @AggregateIdentifier
    private String publicationId;

    protected Publication() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    public Publication(PublishFigureCommand command) {
        apply(new FigurePublishedEvent(command.publicationId(), command.title(), command.milestone(),
                command.regionCode(), command.from(), command.to(), command.industry(), command.sourceRegion(),
                command.projects(), command.plannedInvestmentYuan(), command.position(), command.periodId()));
    }

    @EventSourcingHandler
    void on(FigurePublishedEvent event) {
        publicationId = event.publicationId();
    }
}
