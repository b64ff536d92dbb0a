package cn.pipelinetracker.command.openapi;

import cn.pipelinetracker.command.project.ProjectRule;
import cn.pipelinetracker.platform.openapi.OpenApiProblems;
import cn.pipelinetracker.platform.openapi.ProblemType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import cn.pipelinetracker.command.web.ProjectRequests;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static cn.pipelinetracker.platform.openapi.OpenApiExamples.body;

/**
 * The command endpoints in the OpenAPI description, path by path: what each does (Chinese and English), an example
 * body from the demo data (Zhaoqing Minglida's phase-one new-energy components project), its success and the problems
 * it may answer. Described here so that the controllers carry no documentation annotations.
 */
@Component
class CommandOpenApi implements OpenApiCustomizer {

    private static final String PROJECTS = "/api/v1/projects";
    private static final String PROJECT_ID = "0b7c5e1a-3d2f-4c8b-9e6a-1f2d3c4b5a69";

    private record Endpoint(String path, String zh, String en, String description, Map<String, Object> example) {
    }

    private static final List<Endpoint> COMMANDS = List.of(
            new Endpoint(PROJECTS, "登记项目", "Register a project",
                    "The project enters the pipeline. `projectCode` is unique when given (a second one is a 409); "
                            + "`registeredOn` defaults to today.",
                    body("name", "明丽达新能源零部件项目（一期）", "investor", "肇庆明丽达科技有限公司",
                            "regionCode", "441204", "industry", "NEW_ENERGY", "plannedInvestmentYuan", 1000000000,
                            "projectCode", "2401-441204-04-01-000001", "sourceRegion", "深圳",
                            "registeredOn", "2024-01-22", "landAreaMu", 120.5, "expectedJobs", 800,
                            "tags", List.of("省重点", "新能源"))),
            new Endpoint(PROJECTS + "/{id}/sign", "签约", "Sign the investment agreement",
                    "A contracted investment, if given, becomes the planned investment.",
                    body("signedOn", "2024-03-18", "contractedInvestmentYuan", 1000000000)),
            new Endpoint(PROJECTS + "/{id}/start-construction", "开工", "Start construction",
                    "Needs the project signed.", body("startedOn", "2024-05-06")),
            new Endpoint(PROJECTS + "/{id}/complete-construction", "竣工", "Complete construction",
                    "Needs construction started.", body("completedOn", "2024-09-30")),
            new Endpoint(PROJECTS + "/{id}/start-production", "投产", "Start production",
                    "Needs construction started; `scope` is `PARTIAL` or `FULL` (default).",
                    body("startedOn", "2024-10-08", "scope", "PARTIAL")),
            new Endpoint(PROJECTS + "/{id}/revise-investment", "调整计划总投资", "Revise the planned investment",
                    "The planned investment changes, with a reason.",
                    body("plannedInvestmentYuan", 1200000000, "reason", "二期用地追加")),
            new Endpoint(PROJECTS + "/{id}/report-progress", "报告进度", "Report progress",
                    "Investment completed so far, construction progress (0–100 %) and funds arrived so far (资金到位, "
                            + "cumulative) as of a date: at least one of the three.",
                    body("asOf", "2024-06-30", "completedInvestmentYuan", 126000000,
                            "constructionProgressPercent", 12.5, "fundsInPlaceYuan", 150000000)),
            new Endpoint(PROJECTS + "/{id}/suspend", "暂停", "Suspend",
                    "Nothing advances while suspended.", body("reason", "环评复核")),
            new Endpoint(PROJECTS + "/{id}/resume", "恢复", "Resume",
                    "Only a suspended project; `reason` optional.", body("reason", "环评通过")),
            new Endpoint(PROJECTS + "/{id}/cancel", "取消", "Cancel",
                    "Terminal: every later command is a 409. A cancelled project still counts where it reached "
                            + "milestones.", body("reason", "投资方战略调整，项目终止")),
            new Endpoint(PROJECTS + "/{id}/void", "作废", "Void",
                    "For a project entered in error: terminal, and it drops out of every statistic (its history "
                            + "stays).", body("reason", "重复录入，与原项目为同一项目")),
            new Endpoint(PROJECTS + "/{id}/correct-milestone", "更正里程碑日期", "Correct a milestone's date",
                    "The milestone must have been reached; the order of dates still holds. The old date stays in "
                            + "the history.",
                    body("milestone", "SIGNED", "date", "2024-03-15", "reason", "以合同落款日期为准")),
            new Endpoint(PROJECTS + "/{id}/correct-details", "更正登记信息", "Correct registered details",
                    "Corrects facts recorded wrong at registration (at least one field besides `reason`); the old "
                            + "values stay in the history. A new `regionCode` moves the project: statistics count it "
                            + "in the new region from the correction on (`asOf` before it answers as before), and a "
                            + "clerk needs both regions. A new `projectCode` is unique like a registration's and "
                            + "frees the old one. Not on a voided project.",
                    body("regionCode", "441204", "reason", "录入时区域选错，应为高要区")));

    /** Problems of the project's rules: the status follows the rule's kind. */
    private static final List<ProblemType> RULES = Arrays.stream(ProjectRule.values())
            .map(rule -> new ProblemType(rule.name().toLowerCase().replace('_', '-'), switch (rule.kind()) {
                case INVALID_INPUT -> 400;
                case CONFLICT -> 409;
                case STALE_VERSION -> 412;
            }, switch (rule.kind()) {
                case INVALID_INPUT -> "Invalid request";
                case CONFLICT -> "Not allowed in the project's current state";
                case STALE_VERSION -> "Stale version";
            }))
            .toList();
    private static final ProblemType NOT_FOUND = new ProblemType("project-not-found", 404, "Project not found");
    private static final ProblemType DUPLICATE_CODE =
            new ProblemType("duplicate-project-code", 409, "Duplicate project code");
    private static final ProblemType CONCURRENT =
            new ProblemType("concurrent-modification", 409, "Concurrent modification");
    private static final ProblemType KEY_REUSED =
            new ProblemType("idempotency-key-reused", 422, "Idempotency key reused");

    @Override
    public void customise(OpenAPI openApi) {
        for (Endpoint command : COMMANDS) {
            PathItem item = openApi.getPaths().get(command.path());
            if (item == null || item.getPost() == null) {
                continue; // not served by this shape
            }
            String action = command.path().substring(command.path().lastIndexOf('/') + 1);
            Class<?> body = ProjectRequests.BY_ACTION.get(action);
            if (body != null) {
                bodyOf(openApi, item.getPost(), body, body != ProjectRequests.Resume.class);
            }
            describe(item.getPost(), command);
        }
    }

    /**
     * The JSON body of a command on an existing project: the endpoint reads it itself (one method serves them all),
     * so its schema comes from the request record here.
     */
    private static void bodyOf(OpenAPI openApi, Operation operation, Class<?> type, boolean required) {
        ResolvedSchema resolved = ModelConverters.getInstance().resolveAsResolvedSchema(new AnnotatedType(type));
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        resolved.referencedSchemas.forEach(openApi.getComponents()::addSchemas);
        Schema<?> schema = new Schema<>().$ref("#/components/schemas/" + resolved.schema.getName());
        operation.setRequestBody(new RequestBody().required(required)
                .content(new Content().addMediaType("application/json", new MediaType().schema(schema))));
    }

    private static void describe(Operation operation, Endpoint command) {
        boolean register = command.path().equals(PROJECTS);
        operation.summary(command.zh() + " · " + command.en())
                .description(command.description() + "\n\nAnswers the project's new `version` and the `position` "
                        + "of the event in the log (pass it as `awaitPosition` to a query). With `Idempotency-Key` "
                        + "the same request answers the first response again and stores nothing.");
        operation.addTagsItem("commands · 命令");
        header(operation, "Idempotency-Key", "The same key with the same body answers the first response again and "
                + "stores nothing; with another body it is a 422 · 幂等键");
        header(operation, "X-Correlation-Id", "Recorded in the event's metadata; a new one when absent · 关联编号");
        MediaType json = operation.getRequestBody().getContent().get("application/json");
        json.setExample(command.example());
        ApiResponse success = operation.getResponses().remove("200");
        success.description(register ? "Registered · 已登记" : "Recorded · 已记录");
        success.getContent().values().forEach(media -> media.setExample(
                body("projectId", PROJECT_ID, "version", register ? 1 : 2, "position", 4711)));
        success.addHeaderObject("ETag", new Header().description("The project's new version").schema(new StringSchema()))
                .addHeaderObject("Idempotent-Replayed", new Header()
                        .description("true when an earlier response was answered again").schema(new StringSchema()));
        if (register) {
            success.addHeaderObject("Location", new Header().description("/api/v1/projects/{projectId}")
                    .schema(new StringSchema()));
        }
        operation.getResponses().addApiResponse(register ? "201" : "200", success);
        OpenApiProblems.add(operation, KEY_REUSED, "Idempotency-Key zq-2024-0001 was used before with another body");
        OpenApiProblems.add(operation, CONCURRENT,
                "Another command changed the project at the same moment; read it again and retry");
        if (register) {
            OpenApiProblems.add(operation, DUPLICATE_CODE,
                    "projectCode 2401-441204-04-01-000001 is already registered to project " + PROJECT_ID);
            OpenApiProblems.add(operation, ProblemType.REGION_FORBIDDEN,
                    "The project lies outside your region 441200");
        } else {
            OpenApiProblems.add(operation, NOT_FOUND, "No project with id " + PROJECT_ID);
            OpenApiProblems.add(operation, ProblemType.REGION_FORBIDDEN,
                    "Project " + PROJECT_ID + " lies outside your region 441200");
        }
        RULES.forEach(rule -> OpenApiProblems.add(operation, rule,
                "The rule " + rule.slug() + " refuses the command; nothing was stored"));
    }

    private static void header(Operation operation, String name, String description) {
        boolean declared = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(parameter -> name.equalsIgnoreCase(parameter.getName()));
        if (!declared) {
            operation.addParametersItem(new HeaderParameter().name(name).description(description)
                    .schema(new StringSchema()));
        }
    }
}
