package cn.pipelinetracker.command.account;

import cn.pipelinetracker.platform.openapi.OpenApiPages;
import cn.pipelinetracker.platform.openapi.OpenApiProblems;
import cn.pipelinetracker.platform.openapi.ProblemType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

import static cn.pipelinetracker.platform.openapi.OpenApiExamples.body;

/**
 * The account endpoints in the OpenAPI description (contract: "Accounts kept by the application"): what each does in
 * Chinese and English, example bodies and answers, and the problems each may answer.
 */
@Component
class AccountOpenApi implements OpenApiCustomizer {

    private static final String USERS = "/api/v1/admin/users";
    private static final String TAG = "accounts · 账号";
    private static final String ONE_TIME = "Kx7mQ2vRt9PzW4nHc8Ld";
    private static final ProblemType NOT_FOUND = new ProblemType("account-not-found", 404, "Account not found");
    private static final ProblemType NAME_TAKEN = new ProblemType("account-name-taken", 409, "User name taken");
    private static final ProblemType IN_CONFIGURATION =
            new ProblemType("account-in-configuration", 409, "User kept in the configuration");
    private static final ProblemType ROLE_ABOVE = new ProblemType("role-above-yours", 403, "Role beyond your reach");

    private record Described(String path, String verb, String status, String zh, String en,
                             String description, Map<String, Object> request, Object answer) {
    }

    private static final List<Described> ENDPOINTS = List.of(
            new Described(USERS, "GET", "200", "列出用户", "List users",
                    "The users of your region subtree (an auditor: all): accounts kept by the application "
                            + "(`source` `DATABASE`) and users from the configuration (`CONFIGURATION`: not editable "
                            + "here). With an identity provider configured, its users are not listed: they are not "
                            + "stored.", null,
                    List.of(user("zq-li", "李明", "CLERK", "441200", true, "DATABASE"),
                            user("test-admin", "test-admin", "ADMIN", "440000", true, "CONFIGURATION"))),
            new Described(USERS, "POST", "201", "创建用户", "Create a user",
                    "An account with a one-time `initialPassword`, answered this once: its first sign-in must change "
                            + "it (`POST /api/v1/me/password` or the page). A region outside your subtree, or a role "
                            + "reaching further than yours (AUDITOR and MONITOR read every region), is a 403 and "
                            + "stores nothing; a name taken is a 409. Recorded as an account event with you as actor.",
                    body("name", "zq-li", "displayName", "李明", "role", "CLERK", "regionCode", "441200"),
                    body("name", "zq-li", "initialPassword", ONE_TIME, "position", 4711)),
            new Described(USERS + "/{name}", "PATCH", "200", "修改用户", "Change a user",
                    "Any of `role`, `regionCode`, `enabled`, `displayName`. A disabled user is refused (401) at "
                            + "once, also in an open page session; a new role or region applies from its next "
                            + "request. What changes nothing stores nothing.",
                    body("regionCode", "441202", "enabled", false),
                    user("zq-li", "李明", "CLERK", "441202", false, "DATABASE")),
            new Described(USERS + "/{name}/password-reset", "POST", "200", "重置密码", "Reset a password",
                    "A new one-time password, answered this once; the old password stops working.", null,
                    body("name", "zq-li", "initialPassword", ONE_TIME, "position", 4712)),
            new Described("/api/v1/me/password", "POST", "200", "修改本人密码", "Change your own password",
                    "The current password is required; the new one has at least 10 characters, at most 72 bytes, "
                            + "does not contain the user name and differs from the current one (400 naming the "
                            + "field). Until a one-time password is changed, every other call is a 403 "
                            + "`password-change-required`. Users from the configuration change theirs there (409).",
                    body("currentPassword", ONE_TIME, "newPassword", "肇庆-投促-2026"),
                    body("name", "zq-li", "position", 4713)));

    @Override
    public void customise(OpenAPI openApi) {
        ownPasswordPage(openApi);
        for (Described endpoint : ENDPOINTS) {
            PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(endpoint.path());
            Operation operation = item == null ? null : switch (endpoint.verb()) {
                case "GET" -> item.getGet();
                case "PATCH" -> item.getPatch();
                default -> item.getPost();
            };
            if (operation == null) {
                continue; // not served by this shape
            }
            operation.summary(endpoint.zh() + " · " + endpoint.en()).description(endpoint.description())
                    .tags(List.of(TAG));
            if (endpoint.request() != null && operation.getRequestBody() != null) {
                operation.getRequestBody().getContent().values().forEach(media -> media.setExample(endpoint.request()));
            }
            ApiResponse success = operation.getResponses().remove("200");
            success.getContent().values().forEach(media -> media.setExample(endpoint.answer()));
            operation.getResponses().addApiResponse(endpoint.status(), success);
            problems(operation, endpoint);
        }
    }

    /** The page form of one's own password: GET draws it, POST (a form with {@code _csrf}) changes the password. */
    private static void ownPasswordPage(OpenAPI openApi) {
        OpenApiPages.page(openApi, "/password", "修改本人密码", "Change your own password (page)")
                .description("HTML form. A user signed in on the pages with a one-time password is sent here "
                        + "before anything else.");
        openApi.getPaths().get("/password").post(new Operation().addTagsItem("pages")
                .summary("保存本人密码 · Save your own password (form)")
                .description("Form fields `currentPassword`, `newPassword`, `newPasswordAgain` and `_csrf` (without "
                        + "it: 403). Saved: 303 to /. Refused: the form again, saying why in both languages.")
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().description("Refused: the form again, with why")
                                .content(new Content().addMediaType("text/html",
                                        new MediaType().schema(new StringSchema()))))
                        .addApiResponse("303", new ApiResponse().description("Saved: to /"))));
    }

    private static void problems(Operation operation, Described endpoint) {
        boolean own = endpoint.path().startsWith("/api/v1/me/");
        boolean named = endpoint.path().contains("{name}");
        if (own) {
            OpenApiProblems.add(operation, ProblemType.INVALID_REQUEST, "newPassword: must not contain the user name");
            OpenApiProblems.add(operation, IN_CONFIGURATION, "user test-admin is kept in the configuration, not by "
                    + "the application: change it there");
            return;
        }
        if (endpoint.verb().equals("GET")) {
            return;
        }
        OpenApiProblems.add(operation, ProblemType.REGION_FORBIDDEN, "Region 440600 lies outside your region 441200");
        if (named) {
            OpenApiProblems.add(operation, NOT_FOUND, "No account named zq-li");
            OpenApiProblems.add(operation, IN_CONFIGURATION, "user zq-clerk is kept in the configuration, not by the "
                    + "application: change it there");
        } else {
            OpenApiProblems.add(operation, NAME_TAKEN, "the user name zq-li is taken");
        }
        OpenApiProblems.add(operation, ROLE_ABOVE, "role AUDITOR reads every region, beyond your region 441200: only "
                + "an administrator of the whole province grants it");
    }

    private static Map<String, Object> user(String name, String displayName, String role, String region,
                                            boolean enabled, String source) {
        return body("name", name, "displayName", displayName, "role", role, "regionCode", region, "enabled", enabled,
                "source", source);
    }
}
