package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's defects 1, 5, 6 and 7 at the HTTP edge: what PostgreSQL cannot store faithfully is a 400 naming the
 * field, and nothing is stored; every refusal, the container's own included, is problem+json; awaitPosition checks
 * the region before it waits; Idempotency-Keys belong to their user.
 */
@PipelineIntegrationTest
class EdgeInputHttpTest {

    private static final String PROJECTS = "/api/v1/projects";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    TestHttp http;

    @BeforeEach
    void client() {
        http = TestHttp.onPort(port).as("zq-clerk", "zq-clerk-pw");
    }

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    /** A registration body with one field replaced by a raw JSON value. */
    private static String registration(String field, String jsonValue) {
        var body = JSON.createObjectNode()
                .put("name", "边界测试项目").put("investor", "测试投资方").put("regionCode", "441202")
                .put("industry", "NEW_ENERGY").put("plannedInvestmentYuan", 1000).put("sourceRegion", "深圳");
        body.putArray("tags").add("省重点");
        String json = body.toString();
        if (field.startsWith("tags")) {
            return json.replace("[\"省重点\"]", "[" + jsonValue + "]");
        }
        return json.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\d+)",
                Matcher.quoteReplacement("\"" + field + "\":" + jsonValue));
    }

    private void assertRefused(TestHttp.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        if (field != null) {
            assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "name         | \"NUL\\u0000name\"",
            "name         | \"a\\ud800b\"",
            "name         | \"a\\udc00\"",
            "name         | \"bell\\u0007\"",
            "investor     | \"投资\\u0000方\"",
            "sourceRegion | \"深\\u0000圳\"",
            "tags[0]      | \"tag\\u0000\"",
            "registeredOn | \"-10000-01-01\"",
            "registeredOn | \"2024-01-05T00:00:00Z\"",
            "registeredOn | \"1899-12-31\"",
            "registeredOn | \"3000-01-01\"",
            "registeredOn | \"2023-02-29\""})
    void aRegistrationWithAValuePostgresCannotStoreIsRefusedByField(String field, String jsonValue) {
        String body = field.equals("registeredOn")
                ? registration("name", "\"边界测试项目\"").replace("}", ",\"registeredOn\":" + jsonValue + "}")
                : registration(field.replace("[0]", ""), jsonValue);
        long before = events();
        assertRefused(http.post(PROJECTS, body), 400, field);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aReasonWithNulIsRefusedAndTheProjectIsUnchanged() {
        var registered = http.post(PROJECTS, registration("name", "\"有理由的项目\""));
        assertThat(registered.status()).isEqualTo(201);
        String id = registered.json().get("projectId").asString();
        long before = events();
        assertRefused(http.post(PROJECTS + "/" + id + "/suspend", "{\"reason\":\"停\\u0000工\"}"), 400, "reason");
        assertRefused(http.post(PROJECTS + "/" + id + "/correct-milestone",
                "{\"milestone\":\"REGISTERED\",\"date\":\"2024-01-01\",\"reason\":\"\\ud800\"}"), 400, "reason");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void textThatPostgresCanStoreRoundTripsByteForByte() {
        String name = "𠀀𪚥 项目\t第一期\n（扩建）";
        var registered = http.post(PROJECTS, registration("name", JSON.writeValueAsString(name)));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        var view = http.get(PROJECTS + "/" + registered.json().get("projectId").asString() + "?awaitPosition="
                + registered.json().get("position").asLong());
        assertThat(view.json().get("name").asString()).isEqualTo(name);
    }

    @Test
    void anOverlongUtf8FormInTheBodyIsRefused() {
        byte[] prefix = "{\"name\":\"a".getBytes(StandardCharsets.UTF_8);
        byte[] rest = registration("name", "\"\"").substring("{\"name\":\"".length()).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(prefix);
        body.write(0xC0);
        body.write(0x80);
        body.writeBytes(rest);
        long before = events();
        RawResponse response = raw("POST", PROJECTS, body.toByteArray(), "Content-Type: application/json",
                basic("zq-clerk", "zq-clerk-pw"));
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.head()).containsIgnoringCase("application/problem+json");
        assertThat(events()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            PROJECTS + "?q=%00",
            PROJECTS + "?q=%ED%A0%80",
            PROJECTS + "?q=%C0%80",
            PROJECTS + "?q=%FF",
            PROJECTS + "?q=%E4%B8",
            PROJECTS + "?q=a%01b",
            "/api/v1/stats/milestones?milestone=SIGNED&regionCode=441200&from=2024-01-01&to=2024-06-30"
                    + "&sourceRegion=a%00b",
            "/api/v1/stats/milestones?milestone=SIGNED&regionCode=441200&from=2024-01-01&to=2024-06-30"
                    + "&asOf=%2B300000-01-01T00:00:00Z",
            "/api/v1/stats/milestones?milestone=SIGNED&regionCode=441200&from=-10000-01-01&to=2024-06-30",
            "/api/v1/stats/milestones?milestone=SIGNED&regionCode=441200&from=2024-01-01T00:00:00Z&to=2024-06-30"})
    void aQueryParameterThatCannotBeStoredOrMeantIsABadRequest(String path) {
        assertRefused(http.as(TestHttp.ADMIN).get(path), 400, null);
    }

    @Test
    void nonAsciiHeadersOfACommandAreABadRequest() {
        long before = events();
        for (String header : new String[]{"Idempotency-Key: 键-1", "X-Correlation-Id: 关联"}) {
            RawResponse response = raw("POST", PROJECTS, registration("name", "\"头\"").getBytes(StandardCharsets.UTF_8),
                    "Content-Type: application/json", basic("zq-clerk", "zq-clerk-pw"), header);
            assertThat(response.status()).as(response.text()).isEqualTo(400);
            assertThat(response.head()).containsIgnoringCase("application/problem+json");
        }
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void theErrorPathAndTheContainersOwnRefusalsAreProblems() {
        assertRefused(http.get("/error"), 404, null);
        String auth = basic(TestHttp.ADMIN, "test-admin-pw");
        RawResponse hugeHeader = raw("GET", PROJECTS, null, auth, "X-Padding: " + "x".repeat(10_000));
        assertThat(hugeHeader.status()).isEqualTo(400);
        assertThat(hugeHeader.head()).containsIgnoringCase("application/problem+json");
        for (String path : new String[]{PROJECTS + "/a%2Fb", PROJECTS + "/a%00b", PROJECTS + "/..%2F..%2Fetc"}) {
            RawResponse response = raw("GET", path, null, auth);
            assertThat(response.status()).as(path + " " + response.text()).isEqualTo(400);
            assertThat(response.head()).as(path).containsIgnoringCase("application/problem+json");
            assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(400);
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsParsed() {
        String padding = "x".repeat(2 * 1024 * 1024);
        String body = registration("name", "\"" + padding + "\"");
        long before = events();
        assertRefused(http.post(PROJECTS, body), 413, null);
        RawResponse chunked = raw("POST", PROJECTS, body.getBytes(StandardCharsets.UTF_8),
                "Content-Type: application/json", basic("zq-clerk", "zq-clerk-pw"), "Transfer-Encoding: chunked");
        assertThat(chunked.status()).as(chunked.text()).isEqualTo(413);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void anIdempotencyKeyBelongsToTheUserWhoSentIt() {
        String key = "zq-2024-" + UUID.randomUUID();
        var mine = http.post(PROJECTS, registration("name", "\"甲的项目\""), "Idempotency-Key", key);
        var theirs = http.as(TestHttp.ADMIN).post(PROJECTS, registration("name", "\"乙的项目\""),
                "Idempotency-Key", key);
        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).as(theirs.toString()).isEqualTo(201);
        assertThat(theirs.json().get("projectId").asString()).isNotEqualTo(mine.json().get("projectId").asString());
        var again = http.post(PROJECTS, registration("name", "\"甲的项目\""), "Idempotency-Key", key);
        assertThat(again.json().get("projectId").asString()).isEqualTo(mine.json().get("projectId").asString());
    }

    @Test
    void awaitPositionAnswersAForeignProjectAndAnUnknownPositionAtOnce() {
        var registered = http.post(PROJECTS, registration("name", "\"肇庆的项目\""));
        String id = registered.json().get("projectId").asString();
        http.get(PROJECTS + "/" + id + "?awaitPosition=" + registered.json().get("position").asLong());
        TestHttp foshan = TestHttp.onPort(port).as("fs-leader", "fs-leader-pw");

        var foreign = timed(() -> foshan.get(PROJECTS + "/" + id + "?awaitPosition=999999999"));
        var foreignHistory = timed(() -> foshan.get(PROJECTS + "/" + id + "/history?awaitPosition=999999999"));
        var unknown = timed(() -> http.get(PROJECTS + "?awaitPosition=999999999"));

        assertRefused(foreign, 403, null);
        assertRefused(foreignHistory, 403, null);
        assertRefused(unknown, 503, null);
    }

    /** The answer, failing if it took the whole 5 s wait of awaitPosition (it must come at once). */
    private static TestHttp.Response timed(java.util.function.Supplier<TestHttp.Response> request) {
        long started = System.nanoTime();
        TestHttp.Response response = request.get();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered before the 5 s wait")
                .isLessThan(Duration.ofMillis(4900));
        return response;
    }

    private record RawResponse(String head, byte[] body) {

        int status() {
            return Integer.parseInt(head.split(" ", 3)[1]);
        }

        String text() {
            return head + new String(body, StandardCharsets.UTF_8);
        }
    }

    private static String basic(String user, String password) {
        return "Authorization: Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A request written byte for byte on a socket: what Java's HTTP client will not send (non-ASCII header bytes,
     * raw paths, chunked bodies of our choosing). Headers are UTF-8; the connection closes after the answer.
     */
    private RawResponse raw(String method, String path, byte[] body, String... headers) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\nAccept: application/json\r\n");
            boolean chunked = false;
            for (String header : headers) {
                head.append(header).append("\r\n");
                chunked |= header.equalsIgnoreCase("Transfer-Encoding: chunked");
            }
            if (body != null && !chunked) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            request.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            if (body != null && chunked) {
                for (int offset = 0; offset < body.length; offset += 8192) {
                    int length = Math.min(8192, body.length - offset);
                    request.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    request.write(body, offset, length);
                    request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else if (body != null) {
                request.writeBytes(body);
            }
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException refusedEarly) {
                // the server may answer and close before the whole body is sent; its answer is still readable
            }
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            String text = new String(all, StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String responseHead = split < 0 ? text : text.substring(0, split);
            byte[] responseBody = split < 0 ? new byte[0]
                    : text.substring(split + 4).getBytes(StandardCharsets.UTF_8);
            if (responseHead.toLowerCase().contains("transfer-encoding: chunked")) {
                responseBody = unchunk(text.substring(split + 4)).getBytes(StandardCharsets.UTF_8);
            }
            return new RawResponse(responseHead, responseBody);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        String rest = chunked;
        while (true) {
            int lineEnd = rest.indexOf("\r\n");
            int length = Integer.parseInt(rest.substring(0, lineEnd).strip(), 16);
            if (length == 0) {
                return body.toString();
            }
            byte[] bytes = rest.substring(lineEnd + 2).getBytes(StandardCharsets.UTF_8);
            String chunk = new String(bytes, 0, length, StandardCharsets.UTF_8);
            body.append(chunk);
            rest = rest.substring(lineEnd + 2 + chunk.length() + 2);
        }
    }
}
