package cn.pipelinetracker.command.demo;

import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.ProductionScope;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** One project of the demo dataset: what it registers with, then the steps of its life. */
record DemoProject(String projectCode, String name, String investor, String regionCode, String industry,
                   String sourceRegion, BigDecimal plannedInvestmentYuan, LocalDate registeredOn, List<Step> steps) {

    sealed interface Step {
    }

    record Sign(LocalDate on) implements Step {
    }

    record StartConstruction(LocalDate on) implements Step {
    }

    record CompleteConstruction(LocalDate on) implements Step {
    }

    record StartProduction(LocalDate on, ProductionScope scope) implements Step {
    }

    record ReportProgress(LocalDate asOf, BigDecimal completedInvestmentYuan, BigDecimal percent,
                          BigDecimal fundsInPlaceYuan) implements Step {
    }

    record Correct(Milestone milestone, LocalDate date, String reason) implements Step {
    }

    record Cancel(String reason) implements Step {
    }

    record Void(String reason) implements Step {
    }

    /** The date this project reached a milestone, as its steps (and corrections) leave it; null if never. */
    LocalDate dateOf(Milestone milestone) {
        LocalDate date = milestone == Milestone.REGISTERED ? registeredOn : null;
        for (Step step : steps) {
            if (step instanceof Sign sign && milestone == Milestone.SIGNED) {
                date = sign.on();
            } else if (step instanceof StartConstruction start && milestone == Milestone.CONSTRUCTION_STARTED) {
                date = start.on();
            } else if (step instanceof CompleteConstruction done && milestone == Milestone.CONSTRUCTION_COMPLETED) {
                date = done.on();
            } else if (step instanceof StartProduction production && milestone == Milestone.PRODUCTION_STARTED) {
                date = production.on();
            } else if (step instanceof Correct correct && correct.milestone() == milestone) {
                date = correct.date();
            }
        }
        return date;
    }

    boolean voided() {
        return steps.stream().anyMatch(Void.class::isInstance);
    }
}
