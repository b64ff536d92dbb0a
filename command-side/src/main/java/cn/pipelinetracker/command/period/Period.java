package cn.pipelinetracker.command.period;

import cn.pipelinetracker.events.PeriodClosedEvent;
import cn.pipelinetracker.events.PeriodReopenedEvent;
import cn.pipelinetracker.events.RegionCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.YearMonth;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A month of a region subtree (月度关账), id {@code regionCode:YYYY-MM}: open until first closed, then closed or
 * reopened in turn. Whether a project command may touch the month is decided by {@link ClosedPeriods}, in the
 * command's transaction; this aggregate keeps the record of who closed and reopened it, and why.
 */
@Aggregate
public class Period {

    @AggregateIdentifier
    private String periodId;
    private boolean closed;

    protected Period() {
        // for Axon: rebuilt from events, or created by the first close
    }

    public static String idOf(RegionCode regionCode, YearMonth month) {
        return regionCode.value() + ":" + month;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ClosePeriodCommand command) {
        if (closed) {
            throw ClosedPeriods.alreadyClosed(command.periodId());
        }
        apply(new PeriodClosedEvent(command.periodId(), command.regionCode(), command.month().toString()));
    }

    @CommandHandler
    public void handle(ReopenPeriodCommand command) {
        if (!closed) {
            throw ClosedPeriods.notClosed(command.periodId());
        }
        apply(new PeriodReopenedEvent(command.periodId(), command.regionCode(), command.month().toString(),
                command.reason()));
    }

    @EventSourcingHandler
    void on(PeriodClosedEvent event) {
        periodId = event.periodId();
        closed = true;
    }

    @EventSourcingHandler
    void on(PeriodReopenedEvent event) {
        closed = false;
    }
}
