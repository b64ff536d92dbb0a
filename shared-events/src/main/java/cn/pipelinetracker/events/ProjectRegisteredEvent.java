package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A project entered the pipeline (立项/登记). Optional facts are {@code null} when not given;
 * {@code tags} is never null.
 */
@Revision("1")
public record ProjectRegisteredEvent(
        String projectId,
        String projectCode,
        String name,
        String investor,
        RegionCode regionCode,
        IndustryCode industry,
        String sourceRegion,
        Money plannedInvestmentYuan,
        LocalDate registeredOn,
        BigDecimal landAreaMu,
        Integer expectedJobs,
        List<String> tags) implements ProjectEvent {

    public ProjectRegisteredEvent {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
