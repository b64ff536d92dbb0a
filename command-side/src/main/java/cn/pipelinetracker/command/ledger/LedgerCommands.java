package cn.pipelinetracker.command.ledger;

import cn.pipelinetracker.command.project.CompleteConstructionCommand;
import cn.pipelinetracker.command.project.CorrectDetailsCommand;
import cn.pipelinetracker.command.project.CorrectMilestoneCommand;
import cn.pipelinetracker.command.project.ReportProgressCommand;
import cn.pipelinetracker.command.project.ReviseInvestmentCommand;
import cn.pipelinetracker.command.project.SignProjectCommand;
import cn.pipelinetracker.command.project.StartConstructionCommand;
import cn.pipelinetracker.command.project.StartProductionCommand;
import cn.pipelinetracker.platform.ledger.LedgerColumn;

/** What the import needs to know of the commands it makes. */
final class LedgerCommands {

    private LedgerCommands() {
    }

    /** The same command, expecting the project at {@code version} (the aggregate refuses it otherwise). */
    static Object expecting(Object command, long version) {
        if (command instanceof SignProjectCommand c) {
            return new SignProjectCommand(c.projectId(), version, c.signedOn(), c.contractedInvestmentYuan());
        } else if (command instanceof StartConstructionCommand c) {
            return new StartConstructionCommand(c.projectId(), version, c.startedOn());
        } else if (command instanceof CompleteConstructionCommand c) {
            return new CompleteConstructionCommand(c.projectId(), version, c.completedOn());
        } else if (command instanceof StartProductionCommand c) {
            return new StartProductionCommand(c.projectId(), version, c.startedOn(), c.scope());
        } else if (command instanceof ReviseInvestmentCommand c) {
            return new ReviseInvestmentCommand(c.projectId(), version, c.plannedInvestmentYuan(), c.reason());
        } else if (command instanceof ReportProgressCommand c) {
            return new ReportProgressCommand(c.projectId(), version, c.asOf(), c.completedInvestmentYuan(),
                    c.constructionProgressPercent(), c.fundsInPlaceYuan());
        } else if (command instanceof CorrectMilestoneCommand c) {
            return new CorrectMilestoneCommand(c.projectId(), version, c.milestone(), c.date(), c.reason());
        } else if (command instanceof CorrectDetailsCommand c) {
            return new CorrectDetailsCommand(c.projectId(), version, c.name(), c.investor(), c.industry(),
                    c.regionCode(), c.projectCode(), c.sourceRegion(), c.reason());
        }
        throw new IllegalArgumentException("not a command on an existing project: " + command);
    }

    /** The ledger column a refused command is about, so that its problem points at the cell. */
    static LedgerColumn columnOf(Object command, String refusedField) {
        if (command instanceof SignProjectCommand) {
            return LedgerColumn.SIGNED_ON;
        } else if (command instanceof StartConstructionCommand) {
            return LedgerColumn.CONSTRUCTION_STARTED_ON;
        } else if (command instanceof CompleteConstructionCommand) {
            return LedgerColumn.CONSTRUCTION_COMPLETED_ON;
        } else if (command instanceof StartProductionCommand) {
            return LedgerColumn.PRODUCTION_STARTED_ON;
        } else if (command instanceof ReviseInvestmentCommand) {
            return LedgerColumn.PLANNED_INVESTMENT_WAN;
        } else if (command instanceof ReportProgressCommand) {
            return LedgerColumn.PROGRESS_AS_OF;
        }
        if (refusedField == null) {
            return null;
        }
        return LedgerColumn.byKey(refusedField.equals("plannedInvestmentYuan") ? "plannedInvestmentWan"
                : refusedField).orElse(null);
    }
}
