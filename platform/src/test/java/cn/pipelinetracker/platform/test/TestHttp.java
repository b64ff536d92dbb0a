package cn.pipelinetracker.platform.test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** A plain HTTP client for tests: exact bodies and headers in, status, headers and parsed JSON out. */
public final class TestHttp {

    public record Response(int status, HttpResponse<String> raw) {

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        public String body() {
            return raw.body();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The user the in-process tests sign in as (see config/application.properties of the test jar). */
    public static final String ADMIN = "test-admin";

    private final String base;
    private final String authorization;

    public TestHttp(String base, String user, String password) {
        this.base = base;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Signed in as {@link #ADMIN}. */
    public static TestHttp onPort(int port) {
        return new TestHttp("http://localhost:" + port, ADMIN, ADMIN + "-pw");
    }

    /** Signed in as one of the test users, whose password is its name + "-pw". */
    public TestHttp as(String user) {
        return new TestHttp(base, user, user + "-pw");
    }

    public TestHttp as(String user, String password) {
        return new TestHttp(base, user, password);
    }

    /** Without credentials. */
    public TestHttp anonymous() {
        return new TestHttp(base, null, null);
    }

    /** {@code headers} are name, value pairs. */
    public Response get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(signed(request));
    }

    /** POSTs a JSON body; {@code headers} are name, value pairs. */
    public Response post(String path, String json, String... headers) {
        return withBody("POST", path, json, headers);
    }

    /** PATCHes a JSON body; {@code headers} are name, value pairs. */
    public Response patch(String path, String json, String... headers) {
        return withBody("PATCH", path, json, headers);
    }

    private Response withBody(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(signed(request));
    }

    /** {@code headers} are name, value pairs. */
    public Response delete(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).DELETE();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(signed(request));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder signed(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
