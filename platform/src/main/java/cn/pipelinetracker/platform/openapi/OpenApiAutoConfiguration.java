package cn.pipelinetracker.platform.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import java.util.List;

/**
 * The parts of the OpenAPI description (springdoc: {@code /v3/api-docs}, {@code /swagger-ui/index.html}) that every
 * shape shares: what the API is, how to sign in, the problem+json shape and the problems any endpoint may answer.
 * Each side describes its own endpoints in a customiser of its own ({@code ..command.openapi}, {@code ..query.openapi}).
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class OpenApiAutoConfiguration {

    public static final String BASIC = "basicAuth";
    public static final String BEARER = "bearerAuth";
    public static final String SESSION = "session";
    public static final String CSRF = "csrf";

    /** RFC 9457 problem details as this API writes them. */
    private static final Schema<?> PROBLEM = new ObjectSchema()
            .description("RFC 9457 problem details · 错误详情")
            .addProperty("type", new StringSchema().format("uri")
                    .example("urn:pipeline-tracker:problem:invalid-request"))
            .addProperty("title", new StringSchema())
            .addProperty("status", new IntegerSchema())
            .addProperty("detail", new StringSchema())
            .addProperty("instance", new StringSchema())
            .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                    .addProperty("field", new StringSchema())
                    .addProperty("message", new StringSchema())
                    .required(List.of("field", "message"))))
            .required(List.of("type", "title", "status", "detail"));

    @Bean
    OpenAPI pipelineOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Pipeline Tracker API · 招商引资项目跟踪接口")
                        .version("v1")
                        .description("""
                                招商引资项目的事件溯源跟踪系统：命令（登记、签约、开工、竣工、投产……）写入事件，查询读取投影。
                                金额为人民币元（精确数字，至多两位小数），日期为 `YYYY-MM-DD`，时刻为 UTC ISO-8601。
                                错误均为 RFC 9457 `application/problem+json`。

                                An event-sourced tracker of industrial investment projects: commands (register, sign,
                                start construction, …) append events, queries read projections. Money is RMB yuan as an
                                exact JSON number (at most 2 decimals), dates `YYYY-MM-DD`, instants ISO-8601 UTC. Every
                                error is RFC 9457 `application/problem+json`; its `type` is
                                `urn:pipeline-tracker:problem:<slug>`, each slug listed with its status under the
                                responses of the operations that answer it. The query side is eventually consistent:
                                pass a command's `position` as `awaitPosition` to read your own writes."""))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("HTTP Basic: users from configuration · 配置的用户"))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT")
                                .description("OAuth2 bearer JWT of the bureau's identity provider; role and region "
                                        + "from claims · 身份提供方签发的令牌"))
                        .addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("JSESSIONID")
                                .description("The session of a user signed in on the pages (form login at /login) · "
                                        + "页面登录会话"))
                        .addSecuritySchemes(CSRF, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-CSRF-TOKEN")
                                .description("With a session: the page's CSRF token (X-CSRF-TOKEN or X-XSRF-TOKEN) · "
                                        + "会话请求的 CSRF 令牌")))
                .security(List.of(new SecurityRequirement().addList(BASIC), new SecurityRequirement().addList(BEARER),
                        new SecurityRequirement().addList(SESSION)));
    }

    /** What any endpoint may answer: 401, 403 (role), 500; 400 with parameters; 503 with {@code awaitPosition}. */
    @Bean
    OpenApiCustomizer commonProblems() {
        return openApi -> {
            openApi.getComponents().addSchemas("Problem", PROBLEM);
            OpenApiPages.page(openApi, "/login", "登录", "The sign-in form")
                    .description("The sign-in form (Chinese and English); it posts `username`, `password` and "
                            + "`_csrf` to /login. Open to everyone.")
                    .security(List.of());
            openApi.getPaths().values().forEach(item ->
                    item.readOperations().forEach(OpenApiAutoConfiguration::commonProblems));
        };
    }

    private static void commonProblems(Operation operation) {
        if (operation.getSecurity() != null && operation.getSecurity().isEmpty()) {
            return; // open to everyone
        }
        OpenApiProblems.add(operation, ProblemType.UNAUTHENTICATED,
                "Sign in: this endpoint needs a user (HTTP Basic) or a bearer token");
        OpenApiProblems.add(operation, ProblemType.ROLE_FORBIDDEN, "Your role may not GET /api/v1/audit/events");
        if (hasParameters(operation)) {
            OpenApiProblems.add(operation, ProblemType.INVALID_REQUEST, "regionCode: unknown region code 449999");
        }
        if (operation.getRequestBody() != null) {
            OpenApiProblems.add(operation, ProblemType.MALFORMED_REQUEST, "The body is not valid JSON");
            OpenApiProblems.add(operation, ProblemType.BODY_TOO_LARGE, "The request body exceeds 1 MB");
        }
        if (parameter(operation, "regionCode")) {
            OpenApiProblems.add(operation, ProblemType.REGION_FORBIDDEN,
                    "Region 441200 lies in region 441200, outside region 440600 of user fs-leader");
        }
        if (parameter(operation, "awaitPosition")) {
            OpenApiProblems.add(operation, ProblemType.POSITION_NOT_REACHED,
                    "The projections had not processed position 9000 after 5 s");
        }
        OpenApiProblems.add(operation, ProblemType.INTERNAL_ERROR,
                "The request could not be completed; nothing was stored.");
    }

    private static boolean hasParameters(Operation operation) {
        return operation.getParameters() != null && !operation.getParameters().isEmpty()
                || operation.getRequestBody() != null;
    }

    private static boolean parameter(Operation operation, String name) {
        return operation.getParameters() != null
                && operation.getParameters().stream().map(Parameter::getName).anyMatch(name::equals);
    }
}
