package cn.pipelinetracker.command.campaign;

import cn.pipelinetracker.events.RegionCode;

import java.time.LocalDate;

public record CreateCampaignCommand(String campaignId, String name, RegionCode regionCode, LocalDate heldOn) {
}
