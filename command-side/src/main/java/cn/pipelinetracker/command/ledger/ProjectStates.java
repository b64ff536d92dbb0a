package cn.pipelinetracker.command.ledger;

import cn.pipelinetracker.events.ProjectEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The current state of the projects a ledger names, folded from their events as the event store holds them now
 * (through Axon, so upcasters apply): never behind, whatever the query side's lag (docs/decisions/0016-ledger.md);
 * within a command's transaction, its own events so far included. Read in the caller's transaction: the ledger import
 * compares rows with it, a campaign's holding freezes its figures from it (docs/decisions/0018-campaigns.md), the
 * monthly close checks a project's dates against it (docs/decisions/0019-publications-and-close.md).
 */
@Component
public class ProjectStates {

    private final EventStore eventStore;

    public ProjectStates(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The projects that exist among {@code projectIds}, by id. */
    public Map<String, ProjectState> load(Collection<String> projectIds) {
        Map<String, ProjectState> states = new HashMap<>();
        for (String projectId : projectIds) {
            ProjectState state = new ProjectState();
            DomainEventStream events = eventStore.readEvents(projectId);
            while (events.hasNext()) {
                DomainEventMessage<?> event = events.next();
                if (event.getPayload() instanceof ProjectEvent projectEvent) {
                    state.apply(projectEvent);
                }
            }
            if (state.projectId != null) {
                states.put(projectId, state);
            }
        }
        return states;
    }
}
