package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The investment agreement was signed (签约). A {@code contractedInvestmentYuan}, when given, is from then on
 * the project's planned investment.
 */
@Revision("1")
public record ProjectSignedEvent(String projectId, LocalDate signedOn, Money contractedInvestmentYuan) implements ProjectEvent {
}
