package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract's "Correcting what was registered", over HTTP against the whole application. */
@PipelineIntegrationTest
class CorrectDetailsHttpTest {

    private static final String PROJECTS = "/api/v1/projects";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    TestHttp clerk;
    TestHttp admin;

    @BeforeEach
    void clients() {
        clerk = TestHttp.onPort(port).as("zq-clerk", "zq-clerk-pw");
        admin = TestHttp.onPort(port);
    }

    private String register(String region, String code) {
        var registered = clerk.post(PROJECTS, """
                {"name":"更正测试项目","investor":"投资方","regionCode":"%s","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":1000,"registeredOn":"2021-03-01"%s}""".formatted(region,
                code == null ? "" : ",\"projectCode\":\"" + code + "\""));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.json().get("projectId").asString();
    }

    private long signedIn(String region, String asOf, long position) {
        return admin.get("/api/v1/stats/milestones?milestone=SIGNED&regionCode=" + region
                + "&from=2021-03-15&to=2021-03-15" + (asOf == null ? "" : "&asOf=" + asOf)
                + "&awaitPosition=" + position).json().get("projects").asLong();
    }

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    @Test
    void aRegionMoveCountsTheProjectInItsNewDistrictFromThenOnAndNotBefore() {
        String id = register("441202", null);
        long signed = clerk.post(PROJECTS + "/" + id + "/sign", "{\"signedOn\":\"2021-03-15\"}").json()
                .get("position").asLong();
        long duanzhouBefore = signedIn("441202", null, signed);
        long gaoyaoBefore = signedIn("441204", null, signed);
        String beforeTheMove = Instant.now().toString();

        var moved = clerk.post(PROJECTS + "/" + id + "/correct-details",
                "{\"regionCode\":\"441204\",\"reason\":\"录入时区域选错，应为高要区\"}", "If-Match", "\"2\"");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        long position = moved.json().get("position").asLong();

        assertThat(signedIn("441202", null, position)).isEqualTo(duanzhouBefore - 1);
        assertThat(signedIn("441204", null, position)).isEqualTo(gaoyaoBefore + 1);
        assertThat(signedIn("441200", null, position)).as("the city's total is unchanged")
                .isEqualTo(signedIn("441200", beforeTheMove, position));
        assertThat(signedIn("441202", beforeTheMove, position)).isEqualTo(duanzhouBefore);
        assertThat(signedIn("441204", beforeTheMove, position)).isEqualTo(gaoyaoBefore);

        JsonNode view = admin.get(PROJECTS + "/" + id + "?awaitPosition=" + position).json();
        assertThat(view.get("regionCode").asString()).isEqualTo("441204");
        assertThat(view.get("version").asLong()).isEqualTo(3);
        JsonNode correction = admin.get(PROJECTS + "/" + id + "/history").json().get(2);
        assertThat(correction.get("type").asString()).isEqualTo("ProjectDetailsCorrectedEvent");
        assertThat(correction.get("data").get("regionCode").get("before").asString()).isEqualTo("441202");
        assertThat(correction.get("data").get("regionCode").get("after").asString()).isEqualTo("441204");
        assertThat(correction.get("data").get("reason").asString()).isEqualTo("录入时区域选错，应为高要区");
    }

    @Test
    void aCorrectedCodeFreesTheOldOneForAnotherProject() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String wrong = "2101-441202-04-01-" + suffix;
        String right = "2101-441202-04-02-" + suffix;
        String id = register("441202", wrong);
        var corrected = clerk.post(PROJECTS + "/" + id + "/correct-details",
                "{\"projectCode\":\"" + right + "\",\"reason\":\"代码录错\"}");
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);

        register("441202", wrong);
        long before = events();
        var taken = clerk.post(PROJECTS, """
                {"name":"另一项目","investor":"投资方","regionCode":"441202","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":1000,"projectCode":"%s"}""".formatted(right));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("type").asString()).endsWith("duplicate-project-code");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aClerkNeedsBothRegionsToMoveAProject() {
        String zhaoqing = register("441202", null);
        long before = events();
        var intoFoshan = clerk.post(PROJECTS + "/" + zhaoqing + "/correct-details",
                "{\"regionCode\":\"440604\",\"reason\":\"搬到佛山\"}");
        var byFoshan = TestHttp.onPort(port).as("fs-clerk", "fs-clerk-pw").post(PROJECTS + "/" + zhaoqing
                + "/correct-details", "{\"regionCode\":\"440604\",\"reason\":\"搬出肇庆\"}");
        assertThat(intoFoshan.status()).as(intoFoshan.toString()).isEqualTo(403);
        assertThat(byFoshan.status()).as(byFoshan.toString()).isEqualTo(403);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aCorrectionMustCorrectSomethingAndNotAVoidedProject() {
        String id = register("441202", null);
        assertThat(clerk.post(PROJECTS + "/" + id + "/correct-details", "{\"reason\":\"没有字段\"}").status())
                .isEqualTo(400);
        var same = clerk.post(PROJECTS + "/" + id + "/correct-details",
                "{\"name\":\"更正测试项目\",\"reason\":\"同名\"}");
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.json().get("type").asString()).endsWith("correction-changes-something");
        assertThat(clerk.post(PROJECTS + "/" + id + "/correct-details", "{\"regionCode\":\"449999\","
                + "\"reason\":\"不存在的区域\"}").status()).isEqualTo(400);
        clerk.post(PROJECTS + "/" + id + "/void", "{\"reason\":\"重复录入\"}");
        assertThat(clerk.post(PROJECTS + "/" + id + "/correct-details", "{\"name\":\"新名称\",\"reason\":\"更正\"}")
                .status()).isEqualTo(409);
    }
}
