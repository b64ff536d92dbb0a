package cn.pipelinetracker.query.openapi;

import cn.pipelinetracker.platform.openapi.OpenApiProblems;
import cn.pipelinetracker.platform.openapi.ProblemType;
import io.swagger.v3.oas.models.ExternalDocumentation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.parameters.PathParameter;
import cn.pipelinetracker.platform.openapi.OpenApiPages;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query side's endpoints in the OpenAPI description: what each answers (Chinese and English), examples from the
 * demo data, the problems beyond the common ones, and the shapes of the streamed answers (audit log, OC4IDS), which
 * springdoc cannot see through a {@code StreamingResponseBody}.
 */
@Component
class QueryOpenApi implements OpenApiCustomizer {

    private static final String PROJECT_ID = "0b7c5e1a-3d2f-4c8b-9e6a-1f2d3c4b5a69";

    private record Query(PathItem.HttpMethod method, String path, String tag, String zh, String en,
                         String description, Object example) {
    }

    private static final Map<String, Object> MINGLIDA = body("projectId", PROJECT_ID,
            "projectCode", "2401-441204-04-01-000001", "name", "明丽达新能源零部件项目（一期）",
            "investor", "肇庆明丽达科技有限公司", "regionCode", "441204", "industry", "NEW_ENERGY", "sourceRegion", "深圳",
            "plannedInvestmentYuan", 1000000000, "stage", "UNDER_CONSTRUCTION", "status", "ACTIVE",
            "registeredOn", "2024-01-22", "signedOn", "2024-03-18", "constructionStartedOn", "2024-05-06",
            "constructionCompletedOn", null, "productionStartedOn", null, "version", 4);

    private static final List<Query> QUERIES = List.of(
            new Query(PathItem.HttpMethod.GET, "/api/v1/projects/{id}", "projects", "项目详情", "One project",
                    "`stage` is the furthest milestone reached, unreached milestones are null; the `ETag` header is "
                            + "the version, for `If-Match`.", MINGLIDA),
            new Query(PathItem.HttpMethod.GET, "/api/v1/projects", "projects", "项目列表", "The project list",
                    "Filtered to the user's region subtree; `regionCode` includes every region below it; `q` matches "
                            + "name, investor or project code. `page` counts from 0 (size 1–200).",
                    body("items", List.of(MINGLIDA), "page", 0, "size", 20, "total", 1)),
            new Query(PathItem.HttpMethod.GET, "/api/v1/projects/{id}/history", "projects", "项目履历",
                    "A project's history", "Every event ever stored for the project, in version order, corrections "
                            + "included.",
                    List.of(body("version", 2, "position", 4711, "type", "ProjectSignedEvent",
                            "recordedAt", "2024-03-18T06:12:09.532Z", "actor", "demo-loader",
                            "data", body("projectId", PROJECT_ID, "signedOn", "2024-03-18",
                                    "contractedInvestmentYuan", 1000000000)))),
            new Query(PathItem.HttpMethod.GET, "/api/v1/stats/milestones", "statistics", "里程碑统计",
                    "Milestone statistics", "Projects whose milestone date (after corrections) lies in [from, to], in "
                            + "the region and every region below it, with their current planned investment; cancelled "
                            + "projects count, voided ones never. `asOf` answers as known at that instant.",
                    body("milestone", "SIGNED", "regionCode", "441200", "from", "2024-01-01", "to", "2024-06-30",
                            "projects", 430, "plannedInvestmentYuan", 78660000000L)),
            new Query(PathItem.HttpMethod.GET, "/api/v1/stats/pipeline", "statistics", "在库项目分布",
                    "The pipeline by stage", "Active and suspended projects per stage; cancelled ones apart.", null),
            new Query(PathItem.HttpMethod.GET, "/api/v1/campaigns", "campaigns · 集中活动", "集中活动列表",
                    "The region's campaigns", "The campaigns of the region subtree (default: the user's region), "
                            + "newest first, each as `GET /api/v1/campaigns/{id}` answers it. `asOf=<instant>` "
                            + "answers as known at that instant: the campaigns planned by then, each as below.", null),
            new Query(PathItem.HttpMethod.GET, "/api/v1/campaigns/{id}", "campaigns · 集中活动", "集中活动",
                    "One campaign", "What it announced when held (`announced`, null before), the same projects "
                            + "counted now as the statistics count them (`now`), and the follow-through of every "
                            + "enrolled project. `asOf=<instant>` answers as known at that instant: its status then, "
                            + "the projects enrolled then (later enrolments and withdrawals not yet), `announced` only "
                            + "if held by then, `now` and `followThrough` from the projects as known then; before it "
                            + "was planned, 404. A malformed `asOf` is a 400.", null),
            new Query(PathItem.HttpMethod.GET, "/api/v1/regions", "reference data", "区域", "Regions",
                    "Every region, parents before children (GB/T 2260 codes; zones and parks under their division).",
                    List.of(body("code", "441200", "nameZh", "肇庆市", "nameEn", "Zhaoqing", "parentCode", "440000",
                            "kind", "CITY"))),
            new Query(PathItem.HttpMethod.GET, "/api/v1/industries", "reference data", "行业", "Industries",
                    "Every industry.", List.of(body("code", "NEW_ENERGY", "nameZh", "新能源与储能",
                            "nameEn", "New energy and energy storage"))),
            new Query(PathItem.HttpMethod.GET, "/api/v1/audit/events", "audit", "事件日志", "The event log",
                    "The global log in position order (streamed), with actor and tamper-evidence hash; `limit` ≤ "
                            + "10 000. AUDITOR and ADMIN.", null),
            new Query(PathItem.HttpMethod.GET, "/api/v1/audit/verify", "audit", "校验防篡改链",
                    "Verify the tamper-evidence chain", "Recomputes the chain over the whole log (both hash schemes, "
                            + "every checkpoint signature) and compares the checkpoints with the anchor file, if one "
                            + "is configured; `reason` says what is wrong at the first invalid position.",
                    body("events", 5120, "valid", true, "firstInvalidPosition", null, "reason", null)),
            new Query(PathItem.HttpMethod.GET, "/api/v1/audit/public-key", "audit", "检查点公钥",
                    "The checkpoints' public key", "The Ed25519 key that signs checkpoints now (base64 X.509 "
                            + "SubjectPublicKeyInfo: the KEY of `verify-export FILE --public-key KEY`) and, under "
                            + "`previous`, the keys that signed before it. AUDITOR and ADMIN "
                            + "(docs/decisions/0021-independent-verification.md).",
                    body("algorithm", "Ed25519", "publicKey", "MCowBQYDK2VwAyEA…", "keyId", "3f1c9a2b7d4e5f60",
                            "previous", List.of())),
            new Query(PathItem.HttpMethod.GET, "/api/v1/audit/export", "audit", "导出事件日志（独立核验）",
                    "Export the log for independent verification", "JSON Lines (streamed): the events in position "
                            + "order with payload and metadata exactly as stored, `sequence`, `previousHash`, `hash` "
                            + "and `scheme` (2), then every signature of the checkpoints covering them. The range "
                            + "starts right after the last checkpoint before `fromPosition` (that checkpoint "
                            + "included), so that the file verifies on its own. `format=csv`: one row per event, the "
                            + "payload as JSON text. AUDITOR and ADMIN.", null),
            new Query(PathItem.HttpMethod.POST, "/api/v1/admin/projections/rebuild", "administration", "重建投影",
                    "Rebuild the projections", "Replays the whole log into fresh projections while the old ones keep "
                            + "answering, then switches over (ADMIN).", null),
            new Query(PathItem.HttpMethod.GET, "/api/v1/admin/projections", "administration", "投影状态",
                    "Projection status", "Position, lag, LIVE or REBUILDING, progress; the last rebuild.", null),
            new Query(PathItem.HttpMethod.GET, "/api/v1/admin/dead-letters", "administration", "死信",
                    "Dead letters", "Events a projection could not take, parked, and the skips decided.", null),
            new Query(PathItem.HttpMethod.POST, "/api/v1/admin/dead-letters/{id}/retry", "administration",
                    "重试死信", "Retry a dead letter", "Hands the project's parked events over again (ADMIN).", null),
            new Query(PathItem.HttpMethod.POST, "/api/v1/admin/dead-letters/{id}/skip", "administration",
                    "跳过死信", "Skip a dead letter", "Leaves the event out (recorded), lets the rest through (ADMIN).",
                    null),
            new Query(PathItem.HttpMethod.GET, "/api/v1/oc4ids/projects", "open data", "OC4IDS 开放数据",
                    "OC4IDS export", "The projects of the region subtree as an OC4IDS 0.9.4 project package "
                            + "(streamed); `updatedAfter` keeps the projects changed after that instant; 204 when none. "
                            + "Voided projects are left out (docs/decisions/0015-oc4ids.md).", null));

    private static final Set<String> AUDIT_EVENT_FIELDS =
            Set.of("projectId", "type", "recordedAt", "actor", "hash");

    @Override
    public void customise(OpenAPI openApi) {
        OpenApiPages.page(openApi, "/", "看板", "The dashboard");
        OpenApiPages.page(openApi, "/dashboard/projects/{id}", "项目页", "A project's page")
                .addParametersItem(new PathParameter().name("id").schema(new StringSchema()));
        OpenApiPages.page(openApi, "/dashboard/publications", "已发布数据", "Published figures");
        OpenApiPages.page(openApi, "/dashboard/publications/{id}", "已发布数据：一次发布", "One published figure")
                .addParametersItem(new PathParameter().name("id").schema(new StringSchema()));
        OpenApiPages.page(openApi, "/workbench", "工作台：我的项目", "The workbench: my projects");
        OpenApiPages.page(openApi, "/audit", "审计台", "The audit desk");
        OpenApiPages.page(openApi, "/workbench/register", "工作台：登记新项目", "The workbench: register a project");
        OpenApiPages.page(openApi, "/workbench/progress", "工作台：月度调度", "The workbench: monthly progress");
        OpenApiPages.page(openApi, "/workbench/ledger", "工作台：台账导入", "The workbench: import a ledger");
        OpenApiPages.page(openApi, "/workbench/projects/{id}", "工作台：办理项目", "The workbench: a project")
                .addParametersItem(new PathParameter().name("id").schema(new StringSchema()));
        ObjectSchema session = new ObjectSchema();
        List.of("name", "role", "regionCode", "csrfHeader", "csrfParameter", "csrfToken")
                .forEach(field -> session.addProperty(field, new StringSchema()));
        openApi.path("/dashboard/session", new PathItem().get(new Operation().addTagsItem("pages")
                .summary("当前用户 · The signed-in user")
                .description("For the pages: who is signed in (role, region) and the session's CSRF token.")
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("The user")
                        .content(new Content().addMediaType("application/json", new MediaType().schema(session)
                                .example(body("name", "zq-leader", "role", "LEADER", "regionCode", "441200",
                                        "csrfHeader", "X-CSRF-TOKEN", "csrfParameter", "_csrf",
                                        "csrfToken", "3f6c0e1d-…"))))))));
        for (Query query : QUERIES) {
            PathItem item = openApi.getPaths().get(query.path());
            Operation operation = item == null ? null : item.readOperationsMap().get(query.method());
            if (operation == null) {
                continue; // not served by this shape
            }
            operation.summary(query.zh() + " · " + query.en()).description(query.description());
            operation.setTags(List.of(query.tag()));
            if (query.example() != null) {
                json(operation).setExample(query.example());
            }
            if (query.path().contains("/projects/{id}")) {
                OpenApiProblems.add(operation, new ProblemType("project-not-found", 404, "Project not found"),
                        "No project with id " + PROJECT_ID);
            }
        }
        nullable(openApi, "ProjectView", "projectCode", "sourceRegion", "signedOn", "constructionStartedOn",
                "constructionCompletedOn", "productionStartedOn");
        nullable(openApi, "Verdict", "firstInvalidPosition", "reason");
        streamed(openApi, "/api/v1/audit/events", auditEvents());
        Operation export = operation(openApi, "/api/v1/audit/export");
        if (export != null) {
            export.getResponses().get("200").setContent(new Content()
                    .addMediaType("application/x-ndjson", new MediaType().schema(new ObjectSchema()
                            .description("one JSON object per line: kind event or checkpoint")))
                    .addMediaType("text/csv", new MediaType().schema(new StringSchema())));
        }
        streamed(openApi, "/api/v1/oc4ids/projects", oc4ids());
        Operation oc4ids = operation(openApi, "/api/v1/oc4ids/projects");
        if (oc4ids != null) {
            oc4ids.getResponses().addApiResponse("204", new ApiResponse()
                    .description("No project selected: the standard's package needs at least one · 无项目"));
            json(oc4ids).setExample(OC4IDS_EXAMPLE);
        }
        Operation rebuild = openApi.getPaths().get("/api/v1/admin/projections/rebuild") == null ? null
                : openApi.getPaths().get("/api/v1/admin/projections/rebuild").getPost();
        if (rebuild != null) {
            OpenApiProblems.add(rebuild, new ProblemType("rebuild-running", 409, "A rebuild is running"),
                    "A projection rebuild is already running");
        }
    }

    private static final Map<String, Object> OC4IDS_EXAMPLE = body(
            "uri", "https://tracker.example/api/v1/oc4ids/projects?regionCode=441204",
            "publisher", body("name", "Pipeline Tracker"),
            "publishedDate", "2024-07-02T01:30:00Z", "version", "0.9",
            "projects", List.of(body("id", "oc4ids-unregistered-" + PROJECT_ID, "updated", "2024-07-02T01:30:00Z",
                    "language", "zh",
                    "identifiers", List.of(body("id", "2401-441204-04-01-000001", "scheme", "CN-TZXMDM")),
                    "title", "明丽达新能源零部件项目（一期）", "status", "implementation", "sector", List.of("energy"),
                    "budget", body("amount", body("amount", 1000000000, "currency", "CNY")),
                    "milestones", List.of(body("id", "SIGNED", "title", "签约 / Investment agreement signed",
                            "type", "approval", "status", "met", "dateMet", "2024-03-18T00:00:00+08:00")))));

    private static Operation operation(OpenAPI openApi, String path) {
        PathItem item = openApi.getPaths().get(path);
        return item == null ? null : item.getGet();
    }

    private static MediaType json(Operation operation) {
        ApiResponse ok = operation.getResponses().get("200");
        Content content = ok.getContent();
        MediaType json = content.get("application/json");
        return json != null ? json : content.values().iterator().next();
    }

    /** A streamed answer: springdoc sees only StreamingResponseBody, so its JSON shape is stated here. */
    private static void streamed(OpenAPI openApi, String path, Schema<?> schema) {
        Operation operation = operation(openApi, path);
        if (operation != null) {
            operation.getResponses().get("200").setContent(new Content()
                    .addMediaType("application/json", new MediaType().schema(schema)));
        }
    }

    private static Schema<?> auditEvents() {
        ObjectSchema event = new ObjectSchema();
        event.addProperty("position", new IntegerSchema().format("int64"));
        event.addProperty("version", new IntegerSchema().format("int64"));
        AUDIT_EVENT_FIELDS.forEach(field -> event.addProperty(field, new StringSchema()));
        event.addProperty("data", new ObjectSchema().description("the event's payload"));
        return new ArraySchema().items(event);
    }

    private static Schema<?> oc4ids() {
        ObjectSchema project = new ObjectSchema();
        project.addProperty("id", new StringSchema());
        project.setRequired(List.of("id"));
        ObjectSchema pkg = new ObjectSchema();
        pkg.description("An OC4IDS 0.9.4 project package, valid against the standard's project-package-schema.json");
        pkg.externalDocs(new ExternalDocumentation().description("OC4IDS 0.9.4 schema")
                .url("https://standard.open-contracting.org/infrastructure/0.9/en/reference/schema/"));
        pkg.addProperty("uri", new StringSchema().format("uri"));
        pkg.addProperty("publisher", new ObjectSchema().addProperty("name", new StringSchema()));
        pkg.addProperty("publishedDate", new StringSchema().format("date-time"));
        pkg.addProperty("version", new StringSchema());
        pkg.addProperty("projects", new ArraySchema().items(project).minItems(1));
        pkg.setRequired(List.of("uri", "publisher", "publishedDate", "version", "projects"));
        return pkg;
    }

    /** Fields a component schema's JSON carries as null when there is no value. */
    private static void nullable(OpenAPI openApi, String schemaName, String... fields) {
        Schema<?> schema = openApi.getComponents().getSchemas() == null ? null
                : openApi.getComponents().getSchemas().get(schemaName);
        if (schema == null || schema.getProperties() == null) {
            return;
        }
        for (String field : fields) {
            Schema<?> property = schema.getProperties().get(field);
            if (property != null && property.getTypes() != null) {
                property.addType("null");
            }
        }
    }

    /** An ordered JSON object from name, value pairs. */
    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }
}
