package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same system as separate processes on one PostgreSQL ("Running it" in api-v1.md): {@code command-side.jar}
 * serves the commands, {@code query-side.jar} the queries, both given the server by {@code spring.datasource.url}.
 */
class SeparateProcessesIT {

    private static final Path DEPLOY_TARGET = Path.of(System.getProperty("pipeline.jar",
            "target/pipeline-tracker.jar")).toAbsolutePath().normalize().getParent();
    private static final String RUN = UUID.randomUUID().toString();

    private static EmbeddedPostgres postgres;
    private static RunningJar commandSide;
    private static RunningJar querySide;

    @BeforeAll
    static void startPostgresqlAndBothSides() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        String[] database = {
                "--spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres"};
        commandSide = RunningJar.start("command side", jar("command-side"),
                DEPLOY_TARGET.resolve("it-logs/command-side-" + RUN + ".log"), null, withUsers(database));
        querySide = RunningJar.start("query side", jar("query-side"),
                DEPLOY_TARGET.resolve("it-logs/query-side-" + RUN + ".log"), null, withUsers(database));
        commandSide.awaitHealthy();
        querySide.awaitHealthy();
    }

    @AfterAll
    static void stopEverything() throws IOException {
        try {
            if (commandSide != null) {
                commandSide.close();
            }
        } finally {
            try {
                if (querySide != null) {
                    querySide.close();
                }
            } finally {
                if (postgres != null) {
                    postgres.close();
                }
            }
        }
    }

    @Test
    void commandsSentToTheCommandSideAreReadFromTheQuerySide() {
        String fragment = uniqueChinese();
        String name = "四会市电子信息产业项目" + fragment;
        TestHttp commands = commandSide.http();
        TestHttp queries = querySide.http();

        TestHttp.Response registered = commands.post("/api/v1/projects", """
                {"name":"%s","investor":"四会电子科技有限公司","regionCode":"441284","industry":"ELECTRONICS",
                 "plannedInvestmentYuan":320000000.8,"registeredOn":"2024-02-01"}""".formatted(name));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String id = Json.of(registered).get("projectId").asString();
        assertThat(commands.post("/api/v1/projects/" + id + "/sign", "{\"signedOn\":\"2024-03-01\"}").status())
                .isEqualTo(200);
        TestHttp.Response started = commands.post("/api/v1/projects/" + id + "/start-construction",
                "{\"startedOn\":\"2024-04-01\"}");
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        long position = Json.of(started).get("position").asLong();

        TestHttp.Response detail = queries.get("/api/v1/projects/" + id + "?awaitPosition=" + position);
        assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
        assertThat(detail.header("ETag")).hasValue("\"3\"");
        JsonNode project = Json.of(detail);
        assertThat(project.get("name").asString()).isEqualTo(name);
        assertThat(project.get("stage").asString()).isEqualTo("UNDER_CONSTRUCTION");
        assertThat(project.get("constructionStartedOn").asString()).isEqualTo("2024-04-01");
        assertThat(project.get("plannedInvestmentYuan").decimalValue()).isEqualByComparingTo("320000000.8");

        TestHttp.Response history = queries.get("/api/v1/projects/" + id + "/history?awaitPosition=" + position);
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        Json.of(history).forEach(entry -> types.add(entry.get("type").asString()));
        assertThat(types).containsExactly("ProjectRegisteredEvent", "ProjectSignedEvent", "ConstructionStartedEvent");

        TestHttp.Response list = queries.get("/api/v1/projects?regionCode=441200&q=" + TestHttp.encode(fragment)
                + "&awaitPosition=" + position);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(Json.of(list).get("total").asLong()).isEqualTo(1);
        assertThat(Json.of(list).get("items").get(0).get("projectId").asString()).isEqualTo(id);
    }

    /** The command side answers a publication from the query side's projection, awaited across the processes. */
    @Test
    void aPublicationIsTheQuerySidesAnswerAtThePositionItNames() {
        TestHttp commands = commandSide.http();
        TestHttp queries = querySide.http();
        TestHttp.Response registered = commands.post("/api/v1/projects", """
                {"name":"分离进程发布项目","investor":"四会电子科技有限公司","regionCode":"441284","industry":"ELECTRONICS",
                 "plannedInvestmentYuan":1000.5,"registeredOn":"2019-02-01"}""");
        String id = Json.of(registered).get("projectId").asString();
        assertThat(commands.post("/api/v1/projects/" + id + "/sign", "{\"signedOn\":\"2019-03-01\"}").status())
                .isEqualTo(200);

        TestHttp.Response published = commands.post("/api/v1/publications", """
                {"title":"四会市2019年3月签约","question":{"milestone":"SIGNED","regionCode":"441284",
                 "from":"2019-03-01","to":"2019-03-31"}}""");
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        JsonNode answer = Json.of(published).get("answer");
        assertThat(answer.get("projects").asLong()).isEqualTo(1);
        assertThat(answer.get("plannedInvestmentYuan").decimalValue()).isEqualByComparingTo("1000.5");
        String publicationId = Json.of(published).get("publicationId").asString();
        JsonNode read = await().atMost(Duration.ofSeconds(10)).until(() -> queries.get("/api/v1/publications/"
                + publicationId), response -> response.status() == 200).json();
        assertThat(read.get("restated").asBoolean()).isFalse();
        assertThat(read.get("published").get("projects").asLong()).isEqualTo(1);
    }

    @Test
    void theCommandSideServesNoQueries() {
        String id = UUID.randomUUID().toString();

        assertProblem(commandSide.http().get("/api/v1/projects/" + id), 404);
        assertProblem(commandSide.http().get("/api/v1/projects/" + id + "/history"), 404);
    }

    @Test
    void theQuerySideServesNoCommands() throws SQLException {
        long before = storedEvents();

        TestHttp.Response register = querySide.http().post("/api/v1/projects", """
                {"name":"查询端不收命令","investor":"某公司","regionCode":"441202","industry":"ELECTRONICS",
                 "plannedInvestmentYuan":1}""");

        assertProblem(register, 405);
        assertThat(register.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
        assertThat(storedEvents()).isEqualTo(before);
    }

    /** The security matrix's rules hold when the sides run apart: each side checks role and region itself. */
    @Test
    void rolesAndRegionsAreEnforcedOnBothSides() throws SQLException {
        String zhaoqing = """
                {"name":"分进程权限测试","investor":"测试有限公司","regionCode":"441202","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":1000,"registeredOn":"2024-01-05"}""";
        long before = storedEvents();
        assertThat(commandSide.http().anonymous().post("/api/v1/projects", zhaoqing).status()).isEqualTo(401);
        assertThat(commandSide.http().as("fs-leader").post("/api/v1/projects", zhaoqing).status()).isEqualTo(403);
        assertThat(commandSide.http().as("auditor").post("/api/v1/projects", zhaoqing).status()).isEqualTo(403);
        assertThat(commandSide.http().as("zq-clerk").post("/api/v1/projects",
                zhaoqing.replace("441202", "440605")).status()).isEqualTo(403);
        assertThat(storedEvents()).as("refused commands store nothing").isEqualTo(before);

        TestHttp.Response registered = commandSide.http().as("zq-clerk").post("/api/v1/projects", zhaoqing);
        assertThat(registered.status()).isEqualTo(201);
        String detail = "/api/v1/projects/" + Json.of(registered).get("projectId").asString() + "?awaitPosition="
                + Json.of(registered).get("position").asLong();
        assertThat(querySide.http().as("zq-clerk").get(detail).status()).isEqualTo(200);
        assertThat(querySide.http().as("auditor").get(detail).status()).isEqualTo(200);
        assertThat(querySide.http().as("fs-leader").get(detail).status()).isEqualTo(403);
        assertThat(querySide.http().anonymous().get(detail).status()).isEqualTo(401);
        assertThat(querySide.http().as("zq-clerk").get("/api/v1/audit/verify").status()).isEqualTo(403);
        assertThat(querySide.http().as("auditor").get("/api/v1/audit/verify").status()).isEqualTo(200);
        assertThat(querySide.http().as("fs-leader").get("/api/v1/stats/pipeline?regionCode=441200").status())
                .isEqualTo(403);
    }

    /**
     * Sessions live in the shared PostgreSQL: a clerk signs in on the query side's page, and the command side takes
     * the page's command on that session with its CSRF token (and refuses it without the token).
     */
    @Test
    void aPageSessionMadeOnOneProcessWorksOnTheOther() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String queries = "http://localhost:" + querySide.port();
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(queries + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = sessionCookie(login);
        Matcher formToken = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login.body());
        assertThat(formToken.find()).as(login.body()).isTrue();
        HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(URI.create(queries + "/login"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=zq-clerk&password=zq-clerk-pw&_csrf="
                        + TestHttp.encode(formToken.group(1)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        cookie = sessionCookie(signedIn);
        HttpResponse<String> workbench = client.send(HttpRequest.newBuilder(URI.create(queries + "/workbench"))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(workbench.statusCode()).isEqualTo(200);
        Matcher metaToken = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\">").matcher(workbench.body());
        assertThat(metaToken.find()).as(workbench.body()).isTrue();

        HttpRequest.Builder command = HttpRequest.newBuilder(URI.create("http://localhost:" + commandSide.port()
                        + "/api/v1/projects")).header("Cookie", cookie).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name":"跨进程会话项目","investor":"肇庆某公司","regionCode":"441202","industry":"NEW_ENERGY",
                         "plannedInvestmentYuan":1000,"registeredOn":"2024-01-05"}"""));
        long before = storedEvents();
        HttpResponse<String> withoutToken = client.send(command.copy().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withoutToken.statusCode()).as(withoutToken.body()).isEqualTo(403);
        assertThat(storedEvents()).isEqualTo(before);

        HttpResponse<String> registered = client.send(command.header("X-CSRF-TOKEN", metaToken.group(1)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        JsonNode outcome = Json.parse(registered.body());
        HttpResponse<String> history = client.send(HttpRequest.newBuilder(URI.create(queries + "/api/v1/projects/"
                        + outcome.get("projectId").asString() + "/history?awaitPosition=" + outcome.get("position").asLong()))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
        assertThat(Json.parse(history.body()).get(0).get("actor").asString()).isEqualTo("zq-clerk");
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID="))
                .map(cookie -> cookie.substring(0, cookie.indexOf(';')))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
    }

    @Test
    void bothSidesReportHealthAndMetrics() {
        for (RunningJar side : List.of(commandSide, querySide)) {
            TestHttp.Response health = side.http().get("/actuator/health");
            assertThat(health.status()).as(side.toString()).isEqualTo(200);
            assertThat(Json.of(health).get("status").asString()).isEqualTo("UP");

            TestHttp.Response metrics = side.http().get("/actuator/prometheus");
            assertThat(metrics.status()).as(side.toString()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_");
        }
    }

    private static void assertProblem(TestHttp.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Json.of(response);
        for (String member : List.of("type", "title", "status", "detail")) {
            assertThat(problem.hasNonNull(member)).as(member + " in " + problem).isTrue();
        }
    }

    private static long storedEvents() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             ResultSet count = connection.createStatement().executeQuery("SELECT count(*) FROM domain_event_entry")) {
            count.next();
            return count.getLong(1);
        }
    }

    static Path jar(String module) {
        String configured = System.getProperty(module + ".jar");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return DEPLOY_TARGET.resolve("../../" + module + "/target/" + module + ".jar").normalize();
    }

    private static String uniqueChinese() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            text.appendCodePoint(ThreadLocalRandom.current().nextInt(0x4E00, 0x9FA6));
        }
        return text.toString();
    }

    /** Both sides know the same users, given on the command line as an operator would. */
    static String[] withUsers(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--pipeline.security.users[0].name=" + TestHttp.ADMIN,
                "--pipeline.security.users[0].password={noop}" + TestHttp.ADMIN + "-pw",
                "--pipeline.security.users[0].role=ADMIN",
                "--pipeline.security.users[0].region-code=440000",
                "--pipeline.security.users[1].name=zq-clerk",
                "--pipeline.security.users[1].password={noop}zq-clerk-pw",
                "--pipeline.security.users[1].role=CLERK",
                "--pipeline.security.users[1].region-code=441200",
                "--pipeline.security.users[2].name=fs-leader",
                "--pipeline.security.users[2].password={noop}fs-leader-pw",
                "--pipeline.security.users[2].role=LEADER",
                "--pipeline.security.users[2].region-code=440600",
                "--pipeline.security.users[3].name=auditor",
                "--pipeline.security.users[3].password={noop}auditor-pw",
                "--pipeline.security.users[3].role=AUDITOR",
                "--pipeline.security.users[3].region-code=440000"));
        return all.toArray(String[]::new);
    }
}
