package cn.pipelinetracker.command.publication;

import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.RegionCode;

import java.time.LocalDate;

/** Publish a milestone figure: the question and the answer computed for it at {@code position} of the log. */
public record PublishFigureCommand(String publicationId, String title, Milestone milestone, RegionCode regionCode,
                                   LocalDate from, LocalDate to, IndustryCode industry, String sourceRegion,
                                   long projects, Money plannedInvestmentYuan, long position, String periodId) {
}
