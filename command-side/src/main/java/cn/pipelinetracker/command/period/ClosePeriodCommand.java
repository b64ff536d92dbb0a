package cn.pipelinetracker.command.period;

import cn.pipelinetracker.events.RegionCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.YearMonth;

/** Close a month for a region subtree (the first close creates the period). */
public record ClosePeriodCommand(@TargetAggregateIdentifier String periodId, RegionCode regionCode, YearMonth month) {

    public ClosePeriodCommand(RegionCode regionCode, YearMonth month) {
        this(Period.idOf(regionCode, month), regionCode, month);
    }
}
