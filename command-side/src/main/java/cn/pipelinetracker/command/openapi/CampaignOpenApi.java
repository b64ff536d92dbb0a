package cn.pipelinetracker.command.openapi;

import cn.pipelinetracker.command.campaign.CampaignRule;
import cn.pipelinetracker.platform.openapi.OpenApiProblems;
import cn.pipelinetracker.platform.openapi.ProblemType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The campaign commands in the OpenAPI description: what each does, an example, its success and its problems. */
@Component
class CampaignOpenApi implements OpenApiCustomizer {

    private static final String CAMPAIGNS = "/api/v1/campaigns";
    private static final String CAMPAIGN_ID = "8a2e4c61-5b7d-4f90-a1c3-2d6e8f0b9a17";
    private static final List<ProblemType> RULES = Arrays.stream(CampaignRule.values())
            .map(rule -> new ProblemType(rule.name().toLowerCase().replace('_', '-'), 409,
                    "Not allowed in the campaign's current state"))
            .toList();
    private static final ProblemType NOT_FOUND = new ProblemType("campaign-not-found", 404, "Campaign not found");

    @Override
    public void customise(OpenAPI openApi) {
        PathItem campaigns = openApi.getPaths().get(CAMPAIGNS);
        if (campaigns == null || campaigns.getPost() == null) {
            return; // not served by this shape
        }
        describe(campaigns.getPost(), "新建活动 · Plan a campaign", "A campaign of a region; `heldOn` may lie in the "
                + "future while it is planned.", Map.of("name", "肇庆市2023年第一季度重大项目集中签约活动",
                "regionCode", "441200", "heldOn", "2023-02-10"), "201");
        describe(openApi.getPaths().get(CAMPAIGNS + "/{id}/projects").getPost(), "纳入项目 · Enrol a project",
                "Into one bucket (`SIGNING`, `CONSTRUCTION_START`, `PRODUCTION_START`): a project of the campaign's "
                        + "region subtree, in one bucket of a campaign, and counted for a bucket by one campaign only "
                        + "(409 naming the campaign that has it).",
                Map.of("projectId", "0b7c5e1a-3d2f-4c8b-9e6a-1f2d3c4b5a69", "bucket", "SIGNING"), "200");
        describe(openApi.getPaths().get(CAMPAIGNS + "/{id}/projects/{projectId}").getDelete(),
                "移出项目 · Withdraw a project", "Before the campaign is held; its bucket is free again.", null, "200");
        describe(openApi.getPaths().get(CAMPAIGNS + "/{id}/hold").getPost(), "举行活动 · Hold the campaign",
                "Needs `heldOn` ≤ today and every enrolled project to have reached its bucket's milestone by "
                        + "`heldOn` (409 listing those that have not). Freezes the announced figures.", null, "200");
    }

    private static void describe(Operation operation, String summary, String description, Map<String, Object> example,
                                 String status) {
        operation.summary(summary).description(description + "\n\nAnswers the campaign's `version` and the `position` "
                + "of its event (for `awaitPosition`). With `Idempotency-Key` a retry stores nothing.");
        operation.addTagsItem("campaigns · 集中活动");
        if (example != null && operation.getRequestBody() != null) {
            operation.getRequestBody().getContent().get("application/json").setExample(new LinkedHashMap<>(example));
        }
        ApiResponse success = operation.getResponses().get(status);
        if (success != null && success.getContent() != null) {
            for (MediaType media : success.getContent().values()) {
                media.setExample(Map.of("campaignId", CAMPAIGN_ID, "version", status.equals("201") ? 1 : 2,
                        "position", 4711));
            }
        }
        OpenApiProblems.add(operation, ProblemType.REGION_FORBIDDEN, "Region 440600 lies outside your region 441200");
        if (!status.equals("201")) {
            OpenApiProblems.add(operation, NOT_FOUND, "No campaign with id " + CAMPAIGN_ID);
            RULES.forEach(rule -> OpenApiProblems.add(operation, rule,
                    "The rule " + rule.slug() + " refuses the command; nothing was stored"));
        }
    }
}
