package cn.pipelinetracker.deploy.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One benchmark client's realistic command mix over HTTP, as a bureau's script sends it: register, sign, start
 * construction, report progress, then the next project. Signed in as the tests' admin with Basic.
 */
final class LifecycleClient {

    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder()
            .encodeToString("test-admin:test-admin-pw".getBytes(StandardCharsets.UTF_8));

    private final int port;
    private String project;
    private int step;

    LifecycleClient(int port) {
        this.port = port;
    }

    /** Sends the next command; throws unless it succeeded. */
    void next(HttpClient http) throws Exception {
        String path;
        String body;
        switch (step) {
            case 0 -> {
                path = "/api/v1/projects";
                body = "{\"name\":\"压测项目\",\"investor\":\"压测投资有限公司\",\"regionCode\":\"441202\","
                        + "\"industry\":\"NEW_ENERGY\",\"plannedInvestmentYuan\":1000000,\"registeredOn\":\"2024-01-05\"}";
            }
            case 1 -> {
                path = "/api/v1/projects/" + project + "/sign";
                body = "{\"signedOn\":\"2024-02-01\"}";
            }
            case 2 -> {
                path = "/api/v1/projects/" + project + "/start-construction";
                body = "{\"startedOn\":\"2024-03-01\"}";
            }
            default -> {
                path = "/api/v1/projects/" + project + "/report-progress";
                body = "{\"asOf\":\"2024-06-30\",\"constructionProgressPercent\":25}";
            }
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " → " + response.statusCode() + " " + response.body());
        }
        if (step == 0) {
            String text = response.body();
            int at = text.indexOf("\"projectId\":\"") + 13;
            project = text.substring(at, text.indexOf('"', at));
        }
        step = (step + 1) % 4;
    }
}
