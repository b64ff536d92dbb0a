package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 18's example on the demo data: Zhaoqing's published "430 projects / RMB 78.66 bn signed in H1 2024", then a
 * signing corrected into July, a duplicate voided and a revision — and the publication explains the new answer
 * exactly, one change per causing event. It changes the demo data, so its context is not shared on.
 */
@DemoDataTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DemoRestatementTest {

    private static final String H1_2024 = "regionCode=441200&signedFrom=2024-01-01&signedTo=2024-06-30";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private long head() {
        return jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
    }

    private static void command(TestHttp clerk, String projectId, String action, String body) {
        var done = clerk.post("/api/v1/projects/" + projectId + "/" + action, body);
        assertThat(done.status()).as(action + " " + done).isEqualTo(200);
    }

    @Test
    void zhaoqingsFirstHalfOf2024IsRestatedEventByEvent() {
        TestHttp leader = TestHttp.onPort(port).as("zq-leader", "zq-leader-pw");
        TestHttp clerk = TestHttp.onPort(port).as("zq-clerk", "zq-clerk-pw");
        var published = leader.post("/api/v1/publications", """
                {"title":"肇庆市2024年上半年新签约工业项目","question":{"milestone":"SIGNED","regionCode":"441200",
                 "from":"2024-01-01","to":"2024-06-30"}}""");
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        assertThat(published.json().get("answer").get("projects").asLong()).isEqualTo(430);
        assertThat(published.json().get("answer").get("plannedInvestmentYuan").decimalValue())
                .isEqualByComparingTo("78660000000");
        String publicationId = published.json().get("publicationId").asString();

        JsonNode signed = clerk.get("/api/v1/projects?" + H1_2024 + "&size=3&awaitPosition=" + head()).json()
                .get("items");
        List<String> ids = new ArrayList<>();
        signed.forEach(project -> ids.add(project.get("projectId").asString()));
        BigDecimal moved = signed.get(0).get("plannedInvestmentYuan").decimalValue();
        BigDecimal voided = signed.get(1).get("plannedInvestmentYuan").decimalValue();
        BigDecimal revised = signed.get(2).get("plannedInvestmentYuan").decimalValue();
        command(clerk, ids.get(0), "correct-milestone",
                "{\"milestone\":\"SIGNED\",\"date\":\"2024-07-02\",\"reason\":\"以合同落款日期为准\"}");
        command(clerk, ids.get(1), "void", "{\"reason\":\"重复录入\"}");
        command(clerk, ids.get(2), "revise-investment", "{\"plannedInvestmentYuan\":"
                + revised.subtract(new BigDecimal("10000000")).toPlainString() + ",\"reason\":\"核减一千万元\"}");

        JsonNode explained = await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> leader.get("/api/v1/publications/" + publicationId + "?awaitPosition=" + head()).json(),
                        json -> json.has("changes"));
        assertThat(explained.get("restated").asBoolean()).isTrue();
        assertThat(explained.get("current").get("projects").asLong()).isEqualTo(428);
        assertThat(explained.get("current").get("plannedInvestmentYuan").decimalValue()).isEqualByComparingTo(
                new BigDecimal("78660000000").subtract(moved).subtract(voided).subtract(new BigDecimal("10000000")));
        List<String> causes = new ArrayList<>();
        long projects = 0;
        BigDecimal yuan = BigDecimal.ZERO;
        for (JsonNode change : explained.get("changes")) {
            causes.add(change.get("effect").asString() + " " + change.get("cause").get("type").asString() + " "
                    + change.get("projectId").asString());
            projects += change.get("projectsDelta").asLong();
            yuan = yuan.add(change.get("yuanDelta").decimalValue());
        }
        assertThat(causes).containsExactlyInAnyOrder("REMOVED MilestoneDateCorrectedEvent " + ids.get(0),
                "REMOVED ProjectVoidedEvent " + ids.get(1), "AMOUNT_CHANGED PlannedInvestmentRevisedEvent " + ids.get(2));
        assertThat(projects).isEqualTo(-2);
        assertThat(yuan).isEqualByComparingTo(explained.get("current").get("plannedInvestmentYuan").decimalValue()
                .subtract(explained.get("published").get("plannedInvestmentYuan").decimalValue()));
    }
}
