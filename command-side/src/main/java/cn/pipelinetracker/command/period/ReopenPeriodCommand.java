package cn.pipelinetracker.command.period;

import cn.pipelinetracker.events.RegionCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.YearMonth;

/** Reopen a closed month, for a reason. */
public record ReopenPeriodCommand(@TargetAggregateIdentifier String periodId, RegionCode regionCode, YearMonth month,
                                  String reason) {

    public ReopenPeriodCommand(RegionCode regionCode, YearMonth month, String reason) {
        this(Period.idOf(regionCode, month), regionCode, month, reason);
    }
}
