package cn.pipelinetracker.command.project;

import cn.pipelinetracker.events.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;

public record ReportProgressCommand(@TargetAggregateIdentifier String projectId, Long expectedVersion,
                                    LocalDate asOf, Money completedInvestmentYuan,
                                    BigDecimal constructionProgressPercent, Money fundsInPlaceYuan) implements ProjectCommand {
}
