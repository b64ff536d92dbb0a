package cn.pipelinetracker.deploy;

import cn.pipelinetracker.command.publication.PublishedAnswers;
import cn.pipelinetracker.events.AccountEvent;
import cn.pipelinetracker.events.CampaignEvent;
import cn.pipelinetracker.events.FigurePublishedEvent;
import cn.pipelinetracker.events.PeriodClosedEvent;
import cn.pipelinetracker.events.PeriodReopenedEvent;
import cn.pipelinetracker.events.ProjectEvent;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import java.util.stream.Stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The contract's "Published figures and restatements" and the monthly close, over HTTP against the whole application. */
@PipelineIntegrationTest
class PublicationsHttpTest {

    private static final String PROJECTS = "/api/v1/projects";
    private static final CsvMapper LEDGER_CSV = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcClient jdbc;

    TestHttp clerk;
    TestHttp admin;
    TestHttp leader;
    TestHttp auditor;

    @BeforeEach
    void clients() {
        clerk = TestHttp.onPort(port).as("zq-clerk", "zq-clerk-pw");
        admin = TestHttp.onPort(port);
        leader = TestHttp.onPort(port).as("zq-leader", "zq-leader-pw");
        auditor = TestHttp.onPort(port).as("zq-auditor", "zq-auditor-pw");
    }

    private String register(TestHttp as, String region, String registeredOn, long yuan) {
        var registered = as.post(PROJECTS, """
                {"name":"发布测试项目","investor":"投资方","regionCode":"%s","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":%d,"registeredOn":"%s"}""".formatted(region, yuan, registeredOn));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.json().get("projectId").asString();
    }

    private long command(TestHttp as, String projectId, String action, String body) {
        var done = as.post(PROJECTS + "/" + projectId + "/" + action, body);
        assertThat(done.status()).as(action + " " + done).isEqualTo(200);
        return done.json().get("position").asLong();
    }

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    private JsonNode publication(TestHttp as, String id) {
        return await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> as.get("/api/v1/publications/" + id + "?awaitPosition=" + head()).json(),
                        json -> json.has("publicationId"));
    }

    private long head() {
        return jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
    }

    /** Imports the ledger row of the project with another signing date; answers the problems of the refused row. */
    private String ledgerImportOfSigningDate(String projectId, String signedOn) {
        LedgerHttp ledger = new LedgerHttp(port, "zq-clerk");
        String export = ledger.get("/api/v1/ledger.csv?regionCode=441203&awaitPosition=" + head()).text();
        List<String[]> rows = new ArrayList<>();
        LEDGER_CSV.readerFor(String[].class).readValues(export.substring(1)).forEachRemaining(row ->
                rows.add((String[]) row));
        List<String> header = Arrays.asList(rows.get(0));
        String[] row = rows.stream().filter(line -> line[header.indexOf("系统编号")].equals(projectId)).findFirst()
                .orElseThrow();
        row[header.indexOf("签约日期")] = signedOn;
        StringWriter file = new StringWriter();
        try (SequenceWriter writer = LEDGER_CSV.writerFor(String[].class).with(CsvSchema.emptySchema())
                .writeValues(file)) {
            writer.write(rows.get(0));
            writer.write(row);
        }
        LedgerHttp.Answer started = ledger.upload("ledger.csv", file.toString().getBytes(StandardCharsets.UTF_8),
                null, "mode", "apply", "corrections", "true");
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String importId = Json.parse(started.text()).get("importId").asString();
        JsonNode done = await().atMost(Duration.ofSeconds(60)).until(() -> Json.parse(
                ledger.get("/api/v1/ledger/imports/" + importId).text()), status -> !status.get("status").asString()
                .equals("RUNNING"));
        assertThat(done.get("applied").asInt()).as(done.toString()).isZero();
        assertThat(done.get("failed").asInt()).as(done.toString()).isEqualTo(1);
        return done.get("problems").toString();
    }

    @Test
    void publishingWaitsForExactlyTheEventsThePublicationProjectionHandles() {
        var invoker = ((AbstractEventProcessor) processing.eventProcessor("publication-facts").orElseThrow())
                .eventHandlerInvoker();
        List<Class<?>> everyEvent = Stream.concat(Stream.of(ProjectEvent.class, CampaignEvent.class,
                                AccountEvent.class).flatMap(family -> Arrays.stream(family.getPermittedSubclasses())),
                        Stream.of(FigurePublishedEvent.class, PeriodClosedEvent.class, PeriodReopenedEvent.class))
                .toList();
        assertThat(everyEvent).allSatisfy(type -> assertThat(PublishedAnswers.FIGURE_EVENTS.contains(type.getName()))
                .as(type.getSimpleName()).isEqualTo(invoker.canHandleType(type)));
    }

    @Test
    void aRestatementExplainsEveryDifferenceByTheEventThatCausedIt() {
        List<String> ids = new ArrayList<>();
        for (long yuan : new long[]{100, 200, 300, 400}) {
            String id = register(clerk, "441284", "2012-04-01", yuan);
            command(clerk, id, "sign", "{\"signedOn\":\"2012-05-1" + ids.size() + "\"}");
            ids.add(id);
        }
        var published = leader.post("/api/v1/publications", """
                {"title":"四会市2012年5月签约项目","question":{"milestone":"SIGNED","regionCode":"441284",
                 "from":"2012-05-01","to":"2012-05-31"}}""");
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        String id = published.json().get("publicationId").asString();
        long position = published.json().get("position").asLong();
        JsonNode answer = published.json().get("answer");
        JsonNode stats = admin.get("/api/v1/stats/milestones?milestone=SIGNED&regionCode=441284&from=2012-05-01"
                + "&to=2012-05-31&awaitPosition=" + position).json();
        assertThat(answer.get("projects").asLong()).isEqualTo(stats.get("projects").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(answer.get("plannedInvestmentYuan").decimalValue())
                .isEqualByComparingTo(stats.get("plannedInvestmentYuan").decimalValue());

        command(clerk, ids.get(0), "correct-milestone",
                "{\"milestone\":\"SIGNED\",\"date\":\"2012-06-02\",\"reason\":\"以合同落款日期为准\"}");
        command(clerk, ids.get(1), "void", "{\"reason\":\"重复录入\"}");
        command(clerk, ids.get(2), "revise-investment", "{\"plannedInvestmentYuan\":250,\"reason\":\"核减\"}");
        command(admin, ids.get(3), "correct-details", "{\"regionCode\":\"440604\",\"reason\":\"区域选错\"}");
        String late = register(clerk, "441284", "2012-05-01", 70);
        command(clerk, late, "sign", "{\"signedOn\":\"2012-05-20\"}");

        JsonNode explained = publication(admin, id);
        assertThat(explained.get("restated").asBoolean()).isTrue();
        assertThat(explained.get("published").get("projects").asLong()).isEqualTo(answer.get("projects").asLong());
        JsonNode changes = explained.get("changes");
        long projectsDelta = 0;
        BigDecimal yuanDelta = BigDecimal.ZERO;
        Set<String> effects = new HashSet<>();
        for (JsonNode change : changes) {
            projectsDelta += change.get("projectsDelta").asLong();
            yuanDelta = yuanDelta.add(change.get("yuanDelta").decimalValue());
            assertThat(change.get("cause").get("position").asLong()).isGreaterThan(position);
            effects.add(change.get("effect").asString() + " " + change.get("cause").get("type").asString());
        }
        assertThat(changes.size()).isEqualTo(5);
        assertThat(effects).containsExactlyInAnyOrder("REMOVED MilestoneDateCorrectedEvent",
                "REMOVED ProjectVoidedEvent", "AMOUNT_CHANGED PlannedInvestmentRevisedEvent",
                "REMOVED ProjectDetailsCorrectedEvent", "ADDED ProjectSignedEvent");
        assertThat(projectsDelta).isEqualTo(explained.get("current").get("projects").asLong()
                - explained.get("published").get("projects").asLong()).isEqualTo(-2);
        assertThat(yuanDelta).isEqualByComparingTo(explained.get("current").get("plannedInvestmentYuan").decimalValue()
                .subtract(explained.get("published").get("plannedInvestmentYuan").decimalValue()))
                .isEqualByComparingTo("-680");
        assertThat(changes.get(1).get("cause").get("reason").asString()).isEqualTo("重复录入");
        assertThat(changes.get(1).get("cause").get("actor").asString()).isEqualTo("zq-clerk");

        JsonNode listed = leader.get("/api/v1/publications?regionCode=441284").json();
        assertThat(listed.findValues("publicationId").stream().map(JsonNode::asString)).contains(id);
        assertThat(listed.get(0).get("restated").asBoolean()).isTrue();
    }

    @Test
    void onlyLeadersAndAdminsOfTheRegionPublishAndOnlyItsReadersReadIt() {
        String body = """
                {"title":"t","question":{"milestone":"SIGNED","regionCode":"441200","from":"2012-01-01","to":"2012-12-31"}}""";
        long before = events();
        var foshanLeader = TestHttp.onPort(port).as("fs-leader", "fs-leader-pw");
        assertThat(foshanLeader.post("/api/v1/publications", body).status()).isEqualTo(403);
        assertThat(clerk.post("/api/v1/publications", body).status()).isEqualTo(403);
        assertThat(auditor.post("/api/v1/publications", body).status()).isEqualTo(403);
        assertThat(events()).isEqualTo(before);

        var published = admin.post("/api/v1/publications", body);
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        String id = published.json().get("publicationId").asString();
        assertThat(publication(leader, id).get("restated").asBoolean()).isFalse();
        assertThat(foshanLeader.get("/api/v1/publications/" + id).status()).isEqualTo(403);
        assertThat(foshanLeader.get("/api/v1/publications?regionCode=441200").status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/publications/no-such-id").status()).isEqualTo(404);
    }

    @Test
    void aClosedMonthRefusesDatesInItUntilReopenedAndItsFiguresShowTheRestatement() {
        String project = register(clerk, "441203", "2012-01-10", 500);
        var closed = auditor.post("/api/v1/periods/441203/2012-03/close", "");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json().get("periodId").asString()).isEqualTo("441203:2012-03");
        assertThat(closed.json().get("publications").size()).isEqualTo(4);
        assertThat(auditor.post("/api/v1/periods/441203/2012-03/close", "").status()).isEqualTo(409);
        JsonNode logged = admin.get("/api/v1/audit/events?after=" + (closed.json().get("position").asLong() - 1)
                + "&limit=5").json();
        assertThat(logged.get(0).get("aggregateType").asString()).isEqualTo("PERIOD");
        assertThat(logged.get(0).get("aggregateId").asString()).isEqualTo("441203:2012-03");
        assertThat(logged.get(0).get("actor").asString()).isEqualTo("zq-auditor");
        assertThat(logged.findValues("aggregateType").stream().map(JsonNode::asString)).contains("PUBLICATION");

        String elsewhere = register(clerk, "441202", "2012-01-05", 300);
        command(clerk, elsewhere, "sign", "{\"signedOn\":\"2012-03-10\"}");
        long before = events();
        var movedIn = admin.post(PROJECTS + "/" + elsewhere + "/correct-details",
                "{\"regionCode\":\"441203\",\"reason\":\"区域选错\"}");
        assertThat(movedIn.status()).as(movedIn.toString()).isEqualTo(409);
        assertThat(movedIn.json().get("type").asString()).endsWith("period-closed");
        var backdated = clerk.post(PROJECTS + "/" + project + "/sign", "{\"signedOn\":\"2012-03-15\"}");
        assertThat(backdated.status()).as(backdated.toString()).isEqualTo(409);
        assertThat(backdated.json().get("type").asString()).endsWith("period-closed");
        assertThat(backdated.json().get("detail").asString()).contains("441203:2012-03");
        var cityWide = TestHttp.onPort(port).as("zq-clerk", "zq-clerk-pw");
        assertThat(cityWide.post(PROJECTS, """
                {"name":"补录","investor":"投资方","regionCode":"441203","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":1,"registeredOn":"2012-03-02"}""").status()).isEqualTo(409);
        assertThat(events()).isEqualTo(before);

        command(clerk, project, "sign", "{\"signedOn\":\"2012-04-02\"}");
        var intoTheMonth = clerk.post(PROJECTS + "/" + project + "/correct-milestone",
                "{\"milestone\":\"SIGNED\",\"date\":\"2012-03-30\",\"reason\":\"以合同为准\"}");
        assertThat(intoTheMonth.status()).isEqualTo(409);
        command(clerk, project, "revise-investment", "{\"plannedInvestmentYuan\":600,\"reason\":\"追加\"}");
        var progress = clerk.post(PROJECTS + "/" + project + "/report-progress",
                "{\"asOf\":\"2012-03-31\",\"constructionProgressPercent\":5}");
        assertThat(progress.json().get("type").asString()).as(progress.toString()).endsWith("period-closed");
        assertThat(clerk.post(PROJECTS + "/" + project + "/sign", "{\"signedOn\":\"2012-03-15\"}").status())
                .isEqualTo(409);

        assertThat(ledgerImportOfSigningDate(project, "2012-03-20")).as("a ledger row is refused alike")
                .contains("441203:2012-03");
        assertThat(events()).isEqualTo(before + 2);

        assertThat(clerk.post("/api/v1/periods/441203/2012-03/reopen", "{\"reason\":\"x\"}").status()).isEqualTo(403);
        assertThat(TestHttp.onPort(port).as("fs-leader", "fs-leader-pw")
                .post("/api/v1/periods/441203/2012-03/reopen", "{\"reason\":\"x\"}").status()).isEqualTo(403);
        assertThat(auditor.post("/api/v1/periods/440604/2012-03/close", "").status()).isEqualTo(403);
        assertThat(auditor.post("/api/v1/periods/441203/2012-03/reopen", "{}").status()).isEqualTo(400);
        var reopened = auditor.post("/api/v1/periods/441203/2012-03/reopen", "{\"reason\":\"补录3月30日签约\"}");
        assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
        long corrected = command(clerk, project, "correct-milestone",
                "{\"milestone\":\"SIGNED\",\"date\":\"2012-03-30\",\"reason\":\"以合同为准\"}");

        JsonNode periods = auditor.get("/api/v1/periods?regionCode=441203&awaitPosition=" + corrected).json();
        assertThat(periods.get(0).get("status").asString()).isEqualTo("OPEN");
        assertThat(periods.get(0).get("month").asString()).isEqualTo("2012-03");
        String signedFigure = null;
        for (JsonNode figure : closed.json().get("publications")) {
            JsonNode explained = publication(auditor, figure.get("publicationId").asString());
            if (explained.get("question").get("milestone").asString().equals("SIGNED")) {
                signedFigure = explained.get("publicationId").asString();
                assertThat(explained.get("restated").asBoolean()).isTrue();
                assertThat(explained.get("changes").get(0).get("effect").asString()).isEqualTo("ADDED");
                assertThat(explained.get("changes").get(0).get("yuanDelta").decimalValue()).isEqualByComparingTo("600");
            }
        }
        assertThat(signedFigure).isNotNull();
    }
}
