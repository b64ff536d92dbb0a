package cn.pipelinetracker.command.project;

import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.RegionCode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

public record RegisterProjectCommand(
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
        List<String> tags) {
}
