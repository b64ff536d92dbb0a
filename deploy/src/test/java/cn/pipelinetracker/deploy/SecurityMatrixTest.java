package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint × every role × inside / outside the user's region, with the status expected in each cell, and no
 * event stored for a refused command. The users (config/application.properties of the platform test jar):
 * zq-clerk and zq-leader in Zhaoqing (441200), fs-clerk and fs-leader in Foshan (440600), auditor and test-admin at
 * the province. The target of every regional request lies in Zhaoqing.
 */
@PipelineIntegrationTest
class SecurityMatrixTest {

    /** One cell: who, what, and the status expected. */
    record Cell(String user, String endpoint, int expected) {
        @Override
        public String toString() {
            return (user == null ? "anonymous" : user) + " " + endpoint + " → " + expected;
        }
    }

    private static final String ANONYMOUS = null;

    static List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        //                       endpoint               anon  zq-clerk fs-clerk zq-leader fs-leader auditor admin
        row(cells, "register in Zhaoqing",              401, 201, 403, 403, 403, 403, 201);
        row(cells, "command on Zhaoqing project",       401, 200, 403, 403, 403, 403, 200);
        row(cells, "read Zhaoqing project",             401, 200, 403, 200, 403, 200, 200);
        row(cells, "history of Zhaoqing project",       401, 200, 403, 200, 403, 200, 200);
        row(cells, "list Zhaoqing projects",            401, 200, 403, 200, 403, 200, 200);
        row(cells, "milestone statistics of Zhaoqing",  401, 403, 403, 200, 403, 200, 200);
        row(cells, "pipeline of Zhaoqing",              401, 403, 403, 200, 403, 200, 200);
        row(cells, "publish a Zhaoqing figure",         401, 403, 403, 201, 403, 403, 201);
        row(cells, "list Zhaoqing publications",        401, 403, 403, 200, 403, 200, 200);
        row(cells, "closed months of Zhaoqing",         401, 200, 403, 200, 403, 200, 200);
        row(cells, "global audit log",                  401, 403, 403, 403, 403, 200, 200);
        row(cells, "verify the audit chain",            401, 403, 403, 403, 403, 200, 200);
        row(cells, "checkpoint public key",             401, 403, 403, 403, 403, 200, 200);
        row(cells, "export the audit log",              401, 403, 403, 403, 403, 200, 200);
        row(cells, "projection status",                 401, 403, 403, 403, 403, 200, 200);
        row(cells, "start a rebuild",                   401, 403, 403, 403, 403, 403, -1);
        row(cells, "regions",                           401, 200, 200, 200, 200, 200, 200);
        row(cells, "industries",                        401, 200, 200, 200, 200, 200, 200);
        row(cells, "metrics",                           401, 403, 403, 403, 403, 403, 200);
        row(cells, "health",                            200, 200, 200, 200, 200, 200, 200);
        row(cells, "list users",                        401, 403, 403, 403, 403, 200, 200);
        row(cells, "create a user in Zhaoqing",         401, 403, 403, 403, 403, 403, 201);
        row(cells, "change a configured user",          401, 403, 403, 403, 403, 403, 409);
        row(cells, "reset a configured user's password", 401, 403, 403, 403, 403, 403, 409);
        row(cells, "own password of a configured user", 401, 409, 409, 409, 409, 409, 409);
        return cells;
    }

    private static void row(List<Cell> cells, String endpoint, int... expected) {
        String[] users = {ANONYMOUS, "zq-clerk", "fs-clerk", "zq-leader", "fs-leader", "auditor", TestHttp.ADMIN};
        for (int i = 0; i < users.length; i++) {
            if (expected[i] > 0) { // -1: not exercised here (an admin rebuild is ProjectionRebuildHttpTest's)
                cells.add(new Cell(users[i], endpoint, expected[i]));
            }
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RegionTree regions;

    TestHttp admin;
    String zhaoqingProject;
    long position;

    @BeforeEach
    void aProjectInZhaoqing() {
        admin = TestHttp.onPort(port);
        var registered = admin.post("/api/v1/projects", registration());
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        zhaoqingProject = registered.json().get("projectId").asString();
        position = registered.json().get("position").asLong();
    }

    private static String registration() {
        return """
                {"name":"权限矩阵测试项目","investor":"肇庆测试有限公司","regionCode":"441202","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":1000000,"registeredOn":"2024-01-05"}""";
    }

    private TestHttp as(String user) {
        return user == null ? admin.anonymous() : admin.as(user);
    }

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void eachCellGetsItsStatus(Cell cell) {
        TestHttp http = as(cell.user());
        String wait = "awaitPosition=" + position;
        String project = "/api/v1/projects/" + zhaoqingProject;
        long before = events();
        TestHttp.Response response = switch (cell.endpoint()) {
            case "register in Zhaoqing" -> http.post("/api/v1/projects", registration());
            case "command on Zhaoqing project" -> http.post(project + "/report-progress",
                    "{\"asOf\":\"2024-06-30\",\"constructionProgressPercent\":10}");
            case "read Zhaoqing project" -> http.get(project + "?" + wait);
            case "history of Zhaoqing project" -> http.get(project + "/history?" + wait);
            case "list Zhaoqing projects" -> http.get("/api/v1/projects?regionCode=441200&" + wait);
            case "milestone statistics of Zhaoqing" -> http.get("/api/v1/stats/milestones?milestone=REGISTERED"
                    + "&regionCode=441200&from=2024-01-01&to=2024-12-31&" + wait);
            case "pipeline of Zhaoqing" -> http.get("/api/v1/stats/pipeline?regionCode=441200&" + wait);
            case "publish a Zhaoqing figure" -> http.post("/api/v1/publications", """
                    {"title":"权限矩阵","question":{"milestone":"REGISTERED","regionCode":"441200",
                     "from":"2024-01-01","to":"2024-12-31"}}""");
            case "list Zhaoqing publications" -> http.get("/api/v1/publications?regionCode=441200&" + wait);
            case "closed months of Zhaoqing" -> http.get("/api/v1/periods?regionCode=441200&" + wait);
            case "global audit log" -> http.get("/api/v1/audit/events?after=0&limit=1");
            case "verify the audit chain" -> http.get("/api/v1/audit/verify");
            case "checkpoint public key" -> http.get("/api/v1/audit/public-key");
            case "export the audit log" -> http.get("/api/v1/audit/export?fromPosition=1&toPosition=1");
            case "projection status" -> http.get("/api/v1/admin/projections");
            case "start a rebuild" -> http.post("/api/v1/admin/projections/rebuild", "");
            case "regions" -> http.get("/api/v1/regions");
            case "industries" -> http.get("/api/v1/industries");
            case "metrics" -> http.get("/actuator/prometheus");
            case "health" -> http.get("/actuator/health");
            case "list users" -> http.get("/api/v1/admin/users");
            case "create a user in Zhaoqing" -> http.post("/api/v1/admin/users", """
                    {"name":"%s","displayName":"矩阵","role":"CLERK","regionCode":"441200"}"""
                    .formatted("m-" + UUID.randomUUID().toString().substring(0, 8)));
            case "change a configured user" -> http.patch("/api/v1/admin/users/zq-leader", "{\"enabled\":false}");
            case "reset a configured user's password" ->
                    http.post("/api/v1/admin/users/zq-leader/password-reset", "");
            case "own password of a configured user" -> http.post("/api/v1/me/password",
                    "{\"currentPassword\":\"x\",\"newPassword\":\"a-long-new-password\"}");
            default -> throw new IllegalArgumentException(cell.endpoint());
        };
        assertThat(response.status()).as(cell + ": " + response.body()).isEqualTo(cell.expected());
        if (response.status() >= 400) {
            assertThat(response.header("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(events()).as("a refused request stores nothing").isEqualTo(before);
        }
    }

    @Test
    void aRefusedClerkStoresNothingAndTheProjectIsUnchanged() {
        var refused = admin.as("fs-clerk").post("/api/v1/projects/" + zhaoqingProject + "/sign",
                "{\"signedOn\":\"2024-02-01\"}");
        assertThat(refused.status()).isEqualTo(403);
        JsonNode history = admin.get("/api/v1/projects/" + zhaoqingProject + "/history?awaitPosition=" + position)
                .json();
        assertThat(history).hasSize(1);
    }

    @Test
    void theActorOfEveryEventIsTheSignedInUser() {
        var signed = admin.as("zq-clerk").post("/api/v1/projects/" + zhaoqingProject + "/sign",
                "{\"signedOn\":\"2024-02-01\"}");
        assertThat(signed.status()).isEqualTo(200);
        JsonNode history = admin.get("/api/v1/projects/" + zhaoqingProject + "/history?awaitPosition="
                + signed.json().get("position").asLong()).json();
        assertThat(history.get(0).get("actor").asString()).isEqualTo(TestHttp.ADMIN);
        assertThat(history.get(1).get("actor").asString()).isEqualTo("zq-clerk");
    }

    @Test
    void listsAreFilteredToTheUsersSubtree() {
        var foshan = admin.post("/api/v1/projects", registration().replace("441202", "440605"));
        long last = foshan.json().get("position").asLong();
        JsonNode items = admin.as("fs-leader").get("/api/v1/projects?size=200&awaitPosition=" + last).json()
                .get("items");
        Set<String> foshanRegions = regions.subtree("440600");
        assertThat(items).isNotEmpty().allSatisfy(item ->
                assertThat(foshanRegions).contains(item.get("regionCode").asString()));
        JsonNode pipeline = admin.as("fs-leader").get("/api/v1/stats/pipeline?awaitPosition=" + last).json();
        assertThat(pipeline.get("regionCode").asString()).isEqualTo("440600");
    }

    @Test
    void anAuditorReadsEveryRegionWhateverItsOwnButIssuesNoCommand() {
        var foshan = admin.post("/api/v1/projects", registration().replace("441202", "440605"));
        String wait = "awaitPosition=" + foshan.json().get("position").asLong();
        TestHttp auditor = admin.as("zq-auditor");
        assertThat(auditor.get("/api/v1/projects/" + foshan.json().get("projectId").asString() + "?" + wait)
                .status()).isEqualTo(200);
        assertThat(auditor.get("/api/v1/stats/pipeline?regionCode=440600&" + wait).status()).isEqualTo(200);
        assertThat(auditor.post("/api/v1/projects", registration()).status()).isEqualTo(403);
    }

    @Test
    void aWrongPasswordIsA401AndABcryptPasswordWorks() {
        assertThat(admin.as("zq-clerk", "wrong").get("/api/v1/regions").status()).isEqualTo(401);
        assertThat(admin.as("nobody", "x").get("/api/v1/regions").status()).isEqualTo(401);
        assertThat(admin.as("fs-clerk").get("/api/v1/regions").status()).as("bcrypt").isEqualTo(200);
        var unauthenticated = admin.anonymous().get("/api/v1/regions");
        assertThat(unauthenticated.header("WWW-Authenticate")).hasValueSatisfying(value ->
                assertThat(value).startsWith("Basic"));
        assertThat(admin.get("/actuator/prometheus").body()).contains("pipeline_security_denied_total");
    }
}
