package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's "Campaigns" through the all-in-one application: a campaign's life from planning to holding, what it
 * announced against today's figures and its follow-through, and every refusal (404, 409, 403) storing nothing.
 */
@PipelineIntegrationTest
class CampaignsHttpTest {

    private static final String CAMPAIGNS = "/api/v1/campaigns";
    private static final String PROJECTS = "/api/v1/projects";

    @LocalServerPort
    int port;

    private TestHttp http;
    private long position;

    @BeforeEach
    void client() {
        http = TestHttp.onPort(port);
    }

    @Test
    void aCampaignIsPlannedFilledHeldAndFollowedThrough() {
        String signed = signedProject("441202", "2025-02-01", "1000000000");
        String signedToo = signedProject("441203", "2025-01-20", "250000000.50");
        String started = startedProject("441202", "2025-02-01", "2025-02-15", "600000000");
        String signedLate = signedProject("441204", "2025-03-05", "700000000");
        String campaign = createCampaign(http.as("zq-clerk"), "肇庆市2025年第一季度集中签约开工活动", "441200", "2025-03-01");

        enrol(campaign, signed, "SIGNING", 200);
        enrol(campaign, signedToo, "SIGNING", 200);
        enrol(campaign, started, "CONSTRUCTION_START", 200);
        enrol(campaign, signedLate, "SIGNING", 200);

        JsonNode planned = campaign(campaign);
        assertThat(planned.get("name").asString()).isEqualTo("肇庆市2025年第一季度集中签约开工活动");
        assertThat(planned.get("regionCode").asString()).isEqualTo("441200");
        assertThat(planned.get("heldOn").asString()).isEqualTo("2025-03-01");
        assertThat(planned.get("status").asString()).isEqualTo("PLANNED");
        assertThat(bucket(planned, "SIGNING").get("announced").isNull()).isTrue();
        assertThat(bucket(planned, "SIGNING").get("now").get("projects").asLong()).isEqualTo(3);
        assertThat(planned.get("followThrough").get("enrolled").asLong()).isEqualTo(4);

        TestHttp.Response refused = http.post(CAMPAIGNS + "/" + campaign + "/hold", "");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).endsWith("enrolled-projects-reached-their-milestone");
        assertThat(refused.json().get("detail").asString()).contains(signedLate).doesNotContain(signed);

        assertThat(http.as("zq-clerk").delete(CAMPAIGNS + "/" + campaign + "/projects/" + signedLate).status())
                .isEqualTo(200);
        TestHttp.Response held = http.as("zq-clerk").post(CAMPAIGNS + "/" + campaign + "/hold", "");
        assertThat(held.status()).as(held.body()).isEqualTo(200);
        assertThat(held.json().get("campaignId").asString()).isEqualTo(campaign);
        assertThat(held.json().get("version").asLong()).isEqualTo(7); // created, 4 enrolled, 1 withdrawn, held
        position = held.json().get("position").asLong();

        JsonNode audited = http.get("/api/v1/audit/events?after=" + (position - 1) + "&limit=1").json().get(0);
        assertThat(audited.get("aggregateType").asString()).isEqualTo("CAMPAIGN");
        assertThat(audited.get("aggregateId").asString()).isEqualTo(campaign);
        assertThat(audited.get("projectId").isNull()).isTrue();
        assertThat(audited.get("type").asString()).isEqualTo("CampaignHeldEvent");
        assertThat(audited.get("actor").asString()).isEqualTo("zq-clerk");
        assertThat(audited.get("data").get("announced")).hasSize(3);

        JsonNode announced = campaign(campaign);
        assertThat(announced.get("status").asString()).isEqualTo("HELD");
        assertFigures(bucket(announced, "SIGNING").get("announced"), 2, "1250000000.50");
        assertFigures(bucket(announced, "CONSTRUCTION_START").get("announced"), 1, "600000000");
        assertFigures(bucket(announced, "PRODUCTION_START").get("announced"), 0, "0");
        assertFigures(bucket(announced, "SIGNING").get("now"), 2, "1250000000.50");

        assertThat(enrol(campaign, signedLate, "SIGNING", 409).json().get("type").asString())
                .endsWith("nothing-after-holding");
        assertThat(http.delete(CAMPAIGNS + "/" + campaign + "/projects/" + signed).status()).isEqualTo(409);
        assertThat(http.post(CAMPAIGNS + "/" + campaign + "/hold", "").status()).isEqualTo(409);

        // what follows: one started, one cancelled, one revised, one voided — the announced figures stay
        command(signed, "revise-investment", "{\"plannedInvestmentYuan\":1200000000,\"reason\":\"二期追加\"}");
        command(signed, "start-construction", "{\"startedOn\":\"2025-04-01\"}");
        command(signedToo, "cancel", "{\"reason\":\"投资方战略调整\"}");
        JsonNode after = campaign(campaign);
        assertFigures(bucket(after, "SIGNING").get("announced"), 2, "1250000000.50");
        assertFigures(bucket(after, "SIGNING").get("now"), 1, "1200000000");
        assertFigures(bucket(after, "CONSTRUCTION_START").get("now"), 1, "600000000");
        JsonNode followThrough = after.get("followThrough");
        assertThat(followThrough.get("enrolled").asLong()).isEqualTo(3);
        assertThat(followThrough.get("constructionStarted").asLong()).isEqualTo(2);
        assertThat(followThrough.get("productionStarted").asLong()).isZero();
        assertThat(followThrough.get("cancelled").asLong()).isEqualTo(1);
        assertThat(followThrough.get("voided").asLong()).isZero();
        assertThat(followThrough.get("constructionStartRate").asDouble()).isEqualTo(2.0 / 3);

        command(started, "start-production", "{\"startedOn\":\"2025-06-01\"}");
        command(signed, "void", "{\"reason\":\"重复录入\"}");
        followThrough = campaign(campaign).get("followThrough");
        assertThat(followThrough.get("voided").asLong()).isEqualTo(1);
        assertThat(followThrough.get("constructionStarted").asLong()).as("voided ones drop out").isEqualTo(1);
        assertThat(followThrough.get("productionStarted").asLong()).isEqualTo(1);
        assertThat(followThrough.get("constructionStartRate").asDouble()).isEqualTo(0.5);
        assertThat(followThrough.get("productionStartRate").asDouble()).isEqualTo(0.5);
    }

    @Test
    void aProjectCountsForABucketInOneCampaignOnlyAndInOneBucketOfACampaign() {
        String project = startedProject("441202", "2025-02-01", "2025-02-15", "300000000");
        String first = createCampaign(http, "第一场活动", "441200", "2025-03-01");
        String second = createCampaign(http, "第二场活动", "441202", "2025-03-02");
        enrol(first, project, "SIGNING", 200);

        TestHttp.Response secondBucket = enrol(first, project, "CONSTRUCTION_START", 409);
        assertThat(secondBucket.json().get("type").asString()).endsWith("one-bucket-per-project");
        TestHttp.Response taken = enrol(second, project, "SIGNING", 409);
        assertThat(taken.json().get("type").asString()).endsWith("project-in-another-campaign");
        assertThat(taken.json().get("detail").asString()).contains(first);
        enrol(second, project, "CONSTRUCTION_START", 200);

        assertThat(http.delete(CAMPAIGNS + "/" + first + "/projects/" + project).status()).isEqualTo(200);
        enrol(second, project, "SIGNING", 409); // the one-bucket rule of the second campaign now
        assertThat(campaign(second).get("followThrough").get("enrolled").asLong()).isEqualTo(1);
    }

    @Test
    void asOfAnInstantACampaignIsAnsweredAsKnownThen() {
        String signed = signedProject("441202", "2025-02-01", "500000000");
        String withdrawnLater = signedProject("441203", "2025-02-03", "120000000.25");
        String enrolledLater = signedProject("441204", "2025-02-05", "200000000");
        Instant beforePlanning = Instant.now();
        String campaign = createCampaign(http, "肇庆市2025年春季集中签约活动", "441200", "2025-03-01");
        enrol(campaign, signed, "SIGNING", 200);
        enrol(campaign, withdrawnLater, "SIGNING", 200);
        Instant then = Instant.now(); // the same clock as the server's: everything above was recorded before it

        enrol(campaign, enrolledLater, "SIGNING", 200);
        assertThat(http.delete(CAMPAIGNS + "/" + campaign + "/projects/" + withdrawnLater).status()).isEqualTo(200);
        assertThat(http.post(CAMPAIGNS + "/" + campaign + "/hold", "").status()).isEqualTo(200);
        command(signed, "start-construction", "{\"startedOn\":\"2025-03-10\"}");
        command(signed, "void", "{\"reason\":\"重复录入\"}");
        String plannedLater = createCampaign(http, "肇庆市2025年夏季集中开工活动", "441200", "2025-06-01");

        JsonNode now = campaign(campaign);
        assertThat(now.get("status").asString()).isEqualTo("HELD");
        assertFigures(bucket(now, "SIGNING").get("announced"), 2, "700000000");
        assertFigures(bucket(now, "SIGNING").get("now"), 1, "200000000");
        assertThat(now.get("followThrough").get("enrolled").asLong()).isEqualTo(2);
        assertThat(now.get("followThrough").get("voided").asLong()).isEqualTo(1);

        JsonNode known = asOf(CAMPAIGNS + "/" + campaign, then);
        assertThat(known.get("status").asString()).as("held after the instant").isEqualTo("PLANNED");
        assertThat(known.get("heldOn").asString()).isEqualTo("2025-03-01");
        assertThat(known.get("buckets")).allSatisfy(each -> assertThat(each.get("announced").isNull()).isTrue());
        assertFigures(bucket(known, "SIGNING").get("now"), 2, "620000000.25");
        JsonNode followThrough = known.get("followThrough");
        assertThat(followThrough.get("enrolled").asLong()).as("the later enrolment not yet, the later withdrawal not yet")
                .isEqualTo(2);
        assertThat(followThrough.get("constructionStarted").asLong()).as("started after the instant").isZero();
        assertThat(followThrough.get("voided").asLong()).as("voided after the instant").isZero();
        assertThat(followThrough.get("constructionStartRate").asDouble()).isZero();

        JsonNode listedThen = asOf(CAMPAIGNS + "?regionCode=441200", then);
        assertThat(listedThen).extracting(c -> c.get("campaignId").asString())
                .contains(campaign).doesNotContain(plannedLater);
        assertThat(listedThen).filteredOn(c -> c.get("campaignId").asString().equals(campaign)).singleElement()
                .satisfies(c -> assertThat(c.get("followThrough")).isEqualTo(followThrough));
        assertThat(http.get(CAMPAIGNS + "?regionCode=441200&awaitPosition=" + position).json())
                .extracting(c -> c.get("campaignId").asString()).contains(campaign, plannedLater);

        TestHttp.Response notYet = http.get(CAMPAIGNS + "/" + campaign + "?asOf=" + beforePlanning);
        assertThat(notYet.status()).as("not planned yet then").isEqualTo(404);
        for (String bad : new String[]{CAMPAIGNS + "/" + campaign + "?asOf=yesterday",
                CAMPAIGNS + "?regionCode=441200&asOf=2025-03-01"}) {
            TestHttp.Response refused = http.get(bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.header("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void aCancelledOrVoidedProjectIsNotEnrolled() {
        String cancelled = signedProject("441202", "2025-02-01", "300000000");
        String voided = signedProject("441203", "2025-02-01", "400000000");
        command(cancelled, "cancel", "{\"reason\":\"投资方撤回\"}");
        command(voided, "void", "{\"reason\":\"重复录入\"}");
        String campaign = createCampaign(http, "取消作废项目不得纳入", "441200", "2025-03-01");

        TestHttp.Response refused = http.post(CAMPAIGNS + "/" + campaign + "/projects", "{\"projectId\":\""
                + voided + "\",\"bucket\":\"SIGNING\"}", "Accept-Language", "zh-CN");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.json().get("type").asString()).endsWith("no-cancelled-or-voided-project");
        assertThat(refused.json().get("detail").asString()).contains(voided, "已作废");
        TestHttp.Response cancelledRefused = enrol(campaign, cancelled, "CONSTRUCTION_START", 409);
        assertThat(cancelledRefused.json().get("type").asString()).endsWith("no-cancelled-or-voided-project");
        assertThat(cancelledRefused.json().get("detail").asString()).contains(cancelled, "is cancelled");

        assertThat(campaign(campaign).get("followThrough").get("enrolled").asLong()).as("nothing stored").isZero();
    }

    @Test
    void unknownCampaignsAndProjectsAreNotFoundAndFutureOnesAreNotHeld() {
        String unknown = UUID.randomUUID().toString();
        TestHttp.Response notFound = http.post(CAMPAIGNS + "/" + unknown + "/hold", "");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.json().get("type").asString()).endsWith("campaign-not-found");
        assertThat(http.post(CAMPAIGNS + "/not-a-uuid/hold", "").status()).isEqualTo(404);
        assertThat(http.get(CAMPAIGNS + "/" + unknown).status()).isEqualTo(404);

        String campaign = createCampaign(http, "下月的活动", "441200", "2999-01-01");
        TestHttp.Response noProject = enrol(campaign, UUID.randomUUID().toString(), "SIGNING", 404);
        assertThat(noProject.json().get("type").asString()).endsWith("project-not-found");
        TestHttp.Response early = http.post(CAMPAIGNS + "/" + campaign + "/hold", "", "Accept-Language", "zh-CN");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("type").asString()).endsWith("hold-not-before-held-on");
        assertThat(early.json().get("detail").asString()).contains("不能提前举行");

        assertThat(http.post(CAMPAIGNS, "{\"name\":\"x\",\"regionCode\":\"999999\",\"heldOn\":\"2025-01-01\"}")
                .status()).isEqualTo(400);
        assertThat(http.post(CAMPAIGNS, "{\"name\":\"x\",\"regionCode\":\"441200\"}").status()).isEqualTo(400);
        assertThat(http.post(CAMPAIGNS + "/" + campaign + "/projects", "{\"projectId\":\"" + unknown
                + "\",\"bucket\":\"GROUNDBREAKING\"}").status()).isEqualTo(400);
    }

    @Test
    void regionsAndRolesAreCheckedAndARefusedCommandStoresNothing() {
        String foshanProject = signedProject("440604", "2025-02-01", "100000000");
        String zhaoqing = createCampaign(http, "肇庆活动", "441200", "2025-03-01");
        String foshan = createCampaign(http, "佛山活动", "440600", "2025-03-01");
        TestHttp clerk = http.as("zq-clerk");

        assertThat(clerk.post(CAMPAIGNS, "{\"name\":\"越界活动\",\"regionCode\":\"440600\",\"heldOn\":\"2025-03-01\"}")
                .status()).isEqualTo(403);
        assertThat(clerk.post(CAMPAIGNS + "/" + foshan + "/projects", "{\"projectId\":\"" + foshanProject
                + "\",\"bucket\":\"SIGNING\"}").status()).isEqualTo(403);
        assertThat(clerk.post(CAMPAIGNS + "/" + zhaoqing + "/projects", "{\"projectId\":\"" + foshanProject
                + "\",\"bucket\":\"SIGNING\"}").status()).isEqualTo(403);
        assertThat(clerk.post(CAMPAIGNS + "/" + foshan + "/hold", "").status()).isEqualTo(403);
        assertThat(http.as("fs-leader").post(CAMPAIGNS, "{\"name\":\"领导活动\",\"regionCode\":\"440600\","
                + "\"heldOn\":\"2025-03-01\"}").status()).isEqualTo(403);
        TestHttp.Response outside = enrol(zhaoqing, foshanProject, "SIGNING", 409);
        assertThat(outside.json().get("type").asString()).endsWith("project-outside-campaign-region");

        assertThat(http.get(CAMPAIGNS + "/" + foshan + "?awaitPosition=" + position).json()
                .get("followThrough").get("enrolled").asLong()).as("nothing stored").isZero();
        assertThat(http.as("fs-leader").get(CAMPAIGNS + "/" + zhaoqing).status()).isEqualTo(403);
        assertThat(http.as("fs-leader").get(CAMPAIGNS + "?regionCode=441200").status()).isEqualTo(403);
        assertThat(http.as("fs-leader").get(CAMPAIGNS).json()).extracting(c -> c.get("campaignId").asString())
                .contains(foshan).doesNotContain(zhaoqing);
        assertThat(http.as("zq-leader").get(CAMPAIGNS).json()).extracting(c -> c.get("name").asString())
                .doesNotContain("越界活动", "佛山活动");
        assertThat(http.anonymous().get(CAMPAIGNS).status()).isEqualTo(401);
    }

    @Test
    void theListIsTheSubtreesNewestFirstAndARetriedCreationIsTheSameCampaign() {
        String older = createCampaign(http, "鼎湖区一月活动", "441203", "2024-01-15");
        String newer = createCampaign(http, "鼎湖区三月活动", "441203", "2024-03-15");
        String body = "{\"name\":\"鼎湖区二月活动\",\"regionCode\":\"441203\",\"heldOn\":\"2024-02-15\"}";
        TestHttp.Response first = http.post(CAMPAIGNS, body, "Idempotency-Key", "campaign-" + older);
        TestHttp.Response again = http.post(CAMPAIGNS, body, "Idempotency-Key", "campaign-" + older);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.json().get("campaignId").asString()).isEqualTo(first.json().get("campaignId").asString());
        assertThat(first.header("Location")).hasValue(CAMPAIGNS + "/" + first.json().get("campaignId").asString());
        position = first.json().get("position").asLong();

        JsonNode list = http.get(CAMPAIGNS + "?regionCode=441203&awaitPosition=" + position).json();
        assertThat(list).extracting(c -> c.get("name").asString())
                .containsExactly("鼎湖区三月活动", "鼎湖区二月活动", "鼎湖区一月活动");
        assertThat(list.get(0).get("campaignId").asString()).isEqualTo(newer);
        assertThat(list.get(0).get("buckets")).hasSize(3);
    }

    // ---------------------------------------------------------------------------------------------------------

    private String createCampaign(TestHttp as, String name, String region, String heldOn) {
        TestHttp.Response created = as.post(CAMPAIGNS, "{\"name\":\"" + name + "\",\"regionCode\":\"" + region
                + "\",\"heldOn\":\"" + heldOn + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("version").asLong()).isEqualTo(1);
        position = created.json().get("position").asLong();
        return created.json().get("campaignId").asString();
    }

    private TestHttp.Response enrol(String campaign, String project, String bucket, int status) {
        TestHttp.Response response = http.post(CAMPAIGNS + "/" + campaign + "/projects",
                "{\"projectId\":\"" + project + "\",\"bucket\":\"" + bucket + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        if (status == 200) {
            position = response.json().get("position").asLong();
        }
        return response;
    }

    private JsonNode asOf(String path, Instant instant) {
        TestHttp.Response response = http.get(path + (path.contains("?") ? "&" : "?") + "asOf=" + instant
                + "&awaitPosition=" + position);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private JsonNode campaign(String id) {
        TestHttp.Response response = http.get(CAMPAIGNS + "/" + id + "?awaitPosition=" + position);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode bucket(JsonNode campaign, String bucket) {
        for (JsonNode each : campaign.get("buckets")) {
            if (each.get("bucket").asString().equals(bucket)) {
                return each;
            }
        }
        throw new AssertionError("no bucket " + bucket + " in " + campaign);
    }

    private static void assertFigures(JsonNode figures, long projects, String yuan) {
        assertThat(figures.get("projects").asLong()).isEqualTo(projects);
        assertThat(figures.get("plannedInvestmentYuan").decimalValue()).isEqualByComparingTo(new BigDecimal(yuan));
    }

    private String signedProject(String region, String signedOn, String planned) {
        TestHttp.Response registered = http.post(PROJECTS, "{\"name\":\"活动项目\",\"investor\":\"投资方\","
                + "\"regionCode\":\"" + region + "\",\"industry\":\"NEW_ENERGY\",\"plannedInvestmentYuan\":" + planned
                + ",\"registeredOn\":\"2025-01-02\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String id = registered.json().get("projectId").asString();
        command(id, "sign", "{\"signedOn\":\"" + signedOn + "\"}");
        return id;
    }

    private String startedProject(String region, String signedOn, String startedOn, String planned) {
        String id = signedProject(region, signedOn, planned);
        command(id, "start-construction", "{\"startedOn\":\"" + startedOn + "\"}");
        return id;
    }

    private void command(String project, String action, String body) {
        TestHttp.Response response = http.post(PROJECTS + "/" + project + "/" + action, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        position = response.json().get("position").asLong();
    }
}
