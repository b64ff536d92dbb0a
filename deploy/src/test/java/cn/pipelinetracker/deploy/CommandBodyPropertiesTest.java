package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's property: every command body with random Unicode (NUL, controls, lone surrogates, 4-byte characters),
 * random numbers and random dates is answered 2xx or 4xx problem+json — never 5xx — and after every 2xx the
 * projections catch up and the text reads back exactly as sent. Runs against the whole application on its own
 * embedded PostgreSQL, a bounded number of tries each.
 */
class CommandBodyPropertiesTest {

    private enum Kind { TEXT, DATE, MONEY, PERCENT, MILESTONE, SCOPE }

    /** The body fields of each project command (the contract's table), by the kind of value they take. */
    private static final Map<String, Map<String, Kind>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("sign", Map.of("signedOn", Kind.DATE, "contractedInvestmentYuan", Kind.MONEY));
        COMMANDS.put("start-construction", Map.of("startedOn", Kind.DATE));
        COMMANDS.put("complete-construction", Map.of("completedOn", Kind.DATE));
        COMMANDS.put("start-production", Map.of("startedOn", Kind.DATE, "scope", Kind.SCOPE));
        COMMANDS.put("revise-investment", Map.of("plannedInvestmentYuan", Kind.MONEY, "reason", Kind.TEXT));
        COMMANDS.put("report-progress", Map.of("asOf", Kind.DATE, "completedInvestmentYuan", Kind.MONEY,
                "constructionProgressPercent", Kind.PERCENT));
        COMMANDS.put("suspend", Map.of("reason", Kind.TEXT));
        COMMANDS.put("resume", Map.of("reason", Kind.TEXT));
        COMMANDS.put("cancel", Map.of("reason", Kind.TEXT));
        COMMANDS.put("void", Map.of("reason", Kind.TEXT));
        COMMANDS.put("correct-milestone", Map.of("milestone", Kind.MILESTONE, "date", Kind.DATE, "reason", Kind.TEXT));
        COMMANDS.put("correct-details", Map.of("name", Kind.TEXT, "investor", Kind.TEXT, "sourceRegion", Kind.TEXT,
                "reason", Kind.TEXT));
    }

    /** Escapes all but ASCII, so that a lone surrogate reaches the server as sent (raw, UTF-8 would make it '?'). */
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static ConfigurableApplicationContext application;
    private static TestHttp http;

    @BeforeContainer
    static void start() {
        application = new SpringApplicationBuilder(cn.pipelinetracker.deploy.PipelineTrackerApplication.class)
                .properties("server.port=0", "pipeline.embedded-database=true", "pipeline.demo-data=false",
                        "pipeline.data-dir=target/test-data/" + UUID.randomUUID())
                .run();
        int port = ((WebServerApplicationContext) application).getWebServer().getPort();
        http = TestHttp.onPort(port).as("zq-clerk", "zq-clerk-pw");
    }

    @AfterContainer
    static void stop() {
        application.close();
    }

    @Property(tries = 80)
    void aRandomRegistrationIsAcceptedAndReadBackExactlyOrRefusedAsAProblem(
            @ForAll("mostlyStorableTexts") String name, @ForAll("mostlyStorableTexts") String investor,
            @ForAll("mostlyStorableTexts") String sourceRegion, @ForAll("mostlyStorableTexts") String tag,
            @ForAll("moneys") Object planned, @ForAll("mostlyPastDates") Object registeredOn) {
        ObjectNode body = JSON.createObjectNode()
                .put("name", name).put("investor", investor).put("regionCode", "441202").put("industry", "NEW_ENERGY")
                .put("sourceRegion", sourceRegion);
        body.set("plannedInvestmentYuan", JSON.valueToTree(planned));
        body.set("registeredOn", JSON.valueToTree(registeredOn));
        body.putArray("tags").add(tag);
        TestHttp.Response response = http.post("/api/v1/projects", JSON.writeValueAsString(body));
        assertAnsweredWithoutFailure(response);
        Statistics.collect(response.status() == 201 ? "accepted" : "refused");
        Statistics.coverage(coverage -> coverage.check("accepted").count(accepted -> accepted >= 5));
        if (response.status() == 201) {
            JsonNode view = readBack("/api/v1/projects/" + response.json().get("projectId").asString(), response);
            assertThat(codePoints(view.get("name").asString())).isEqualTo(codePoints(name));
            assertThat(codePoints(view.get("investor").asString())).isEqualTo(codePoints(investor));
            assertThat(codePoints(view.get("sourceRegion").asString())).isEqualTo(codePoints(sourceRegion));
        }
    }

    @Property(tries = 120)
    void aRandomCommandOnAProjectIsAppliedAndReadBackExactlyOrRefusedAsAProblem(
            @ForAll("commands") String command, @ForAll("texts") String text, @ForAll("dates") Object date,
            @ForAll("moneys") Object money, @ForAll("percents") Object percent,
            @ForAll("milestones") String milestone, @ForAll("scopes") String scope) {
        TestHttp.Response registered = http.post("/api/v1/projects", """
                {"name":"属性测试项目","investor":"投资方","regionCode":"441202","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":1000,"registeredOn":"1990-01-01"}""");
        assertThat(registered.status()).isEqualTo(201);
        String id = registered.json().get("projectId").asString();
        ObjectNode body = JSON.createObjectNode();
        COMMANDS.get(command).forEach((field, kind) -> body.set(field, JSON.valueToTree(switch (kind) {
            case TEXT -> text;
            case DATE -> date;
            case MONEY -> money;
            case PERCENT -> percent;
            case MILESTONE -> milestone;
            case SCOPE -> scope;
        })));
        TestHttp.Response response = http.post("/api/v1/projects/" + id + "/" + command, JSON.writeValueAsString(body));
        assertAnsweredWithoutFailure(response);
        Statistics.collect(response.status() == 200 ? "accepted" : "refused");
        Statistics.coverage(coverage -> coverage.check("accepted").count(accepted -> accepted >= 5));
        if (response.status() == 200) {
            JsonNode history = readBack("/api/v1/projects/" + id + "/history", response);
            JsonNode last = history.get(history.size() - 1).get("data");
            if (COMMANDS.get(command).containsKey("reason")) {
                assertThat(codePoints(last.get("reason").asString())).as(command + " " + last)
                        .isEqualTo(codePoints(text));
            }
        }
    }

    /** Text as its code points, so that a failure shows what differs even where it does not print. */
    private static List<String> codePoints(String text) {
        return text.codePoints().mapToObj(Integer::toHexString).toList();
    }

    private static void assertAnsweredWithoutFailure(TestHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 499);
        if (response.status() >= 400) {
            assertThat(response.header("Content-Type")).as(response.toString()).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(response.json().get("status").asInt()).isEqualTo(response.status());
        }
    }

    /** The query side's answer once it has processed the command's position (awaitPosition must answer). */
    private static JsonNode readBack(String path, TestHttp.Response command) {
        TestHttp.Response read = http.get(path + "?awaitPosition=" + command.json().get("position").asLong());
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.json();
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> anything = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(30);
        Arbitrary<String> tricky = Arbitraries.strings()
                .withChars('\u0000', '\u0001', '\u001f', '\t', '\n', '\r', '\ud800', '\udfff', '\ufffd', '项', 'a')
                .ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> astral = Arbitraries.of("𠀀", "𪚥", "😀", "𝄞").list().ofMinSize(1).ofMaxSize(4)
                .map(parts -> String.join("", parts));
        Arbitrary<String> chinese = Arbitraries.strings().withCharRange('\u4e00', '\u9fa5').ofMinLength(1)
                .ofMaxLength(20);
        // mostly text that can be stored, so that accepted commands (and their read-back) are common too
        return Arbitraries.frequencyOf(Tuple.of(2, anything), Tuple.of(1, tricky), Tuple.of(2, astral),
                Tuple.of(5, chinese), Tuple.of(1, Combinators.combine(chinese, tricky).as(String::concat)));
    }

    /** Four texts in one registration: each mostly storable, so that whole registrations are often accepted. */
    @Provide
    Arbitrary<String> mostlyStorableTexts() {
        Arbitrary<String> chinese = Arbitraries.strings().withCharRange('\u4e00', '\u9fa5').ofMinLength(1)
                .ofMaxLength(20);
        Arbitrary<String> astral = Arbitraries.of("𠀀", "𪚥", "😀", "𝄞").list().ofMinSize(1).ofMaxSize(4)
                .map(parts -> String.join("", parts));
        return Arbitraries.frequencyOf(Tuple.of(7, chinese), Tuple.of(2, astral), Tuple.of(1, texts()));
    }

    @Provide
    Arbitrary<Object> mostlyPastDates() {
        Arbitrary<Object> past = Arbitraries.integers().between(1990, 2025).flatMap(year ->
                Arbitraries.integers().between(1, 12).flatMap(month -> Arbitraries.integers().between(1, 28)
                        .map(day -> (Object) String.format("%04d-%02d-%02d", year, month, day))));
        return Arbitraries.frequencyOf(Tuple.of(3, past), Tuple.of(1, dates()));
    }

    @Provide
    Arbitrary<Object> dates() {
        Arbitrary<Object> plausible = Arbitraries.integers().between(1890, 3010).flatMap(year ->
                Arbitraries.integers().between(1, 12).flatMap(month -> Arbitraries.integers().between(1, 31)
                        .map(day -> (Object) String.format("%04d-%02d-%02d", year, month, day))));
        Arbitrary<Object> odd = Arbitraries.of("-10000-01-01", "+10000-01-01", "2024-01-05T00:00:00Z", "2024-1-5",
                "", "2024-02-30", "20240105", "２０２４-01-05");
        Arbitrary<Object> notAString = Arbitraries.of(20240105, true, List.of("2024-01-05"));
        return Arbitraries.frequencyOf(Tuple.of(6, plausible), Tuple.of(2, odd), Tuple.of(1, notAString));
    }

    @Provide
    Arbitrary<Object> moneys() {
        Arbitrary<Object> valid = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("1e12"))
                .ofScale(2).map(value -> (Object) value);
        Arbitrary<Object> wide = Arbitraries.bigDecimals().between(new BigDecimal("-1000"),
                new BigDecimal("1e20")).ofScale(3).map(value -> (Object) value);
        Arbitrary<Object> odd = Arbitraries.of(new BigDecimal("1e400"), new BigDecimal("0.001"), "1000", "一千",
                Long.MAX_VALUE, -1);
        return Arbitraries.frequencyOf(Tuple.of(6, valid), Tuple.of(2, wide), Tuple.of(1, odd));
    }

    @Provide
    Arbitrary<Object> percents() {
        return Arbitraries.oneOf(Arbitraries.bigDecimals().between(new BigDecimal("-5"), new BigDecimal("105"))
                .ofScale(2).map(value -> (Object) value), Arbitraries.of("50", (Object) null));
    }

    @Provide
    Arbitrary<String> commands() {
        return Arbitraries.of(List.copyOf(COMMANDS.keySet()));
    }

    @Provide
    Arbitrary<String> milestones() {
        return Arbitraries.of("REGISTERED", "SIGNED", "CONSTRUCTION_STARTED", "signed", "登记");
    }

    @Provide
    Arbitrary<String> scopes() {
        return Arbitraries.of("PARTIAL", "FULL", "HALF");
    }
}
