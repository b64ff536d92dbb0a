package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No container engine runs here, so the deployment files are checked for what can be checked: they parse, every
 * image is pinned to a version, and every metric the Grafana dashboard queries is really exported.
 */
@PipelineIntegrationTest
class DeploymentFilesTest {

    private static final Path DEPLOY = Path.of("").toAbsolutePath();
    private static final Pattern PINNED = Pattern.compile("[\\w./-]+:(?!latest)[\\w.-]*\\d[\\w.-]*(@sha256:[0-9a-f]{64})?");
    private static final Pattern METRIC = Pattern.compile("\\b(pipeline_[a-z_]+|http_server_[a-z_]+|hikaricp_[a-z_]+)\\b");

    @LocalServerPort
    int port;

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.walk(DEPLOY.resolve("compose")),
                Files.walk(DEPLOY.resolve("kubernetes")))) {
            return files.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .toList();
        }
    }

    @Test
    void everyYamlFileParses() throws IOException {
        List<Path> files = yamlFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(7);
        for (Path file : files) {
            List<Object> documents = new ArrayList<>();
            new Yaml().loadAll(Files.readString(file)).forEach(documents::add);
            assertThat(documents).as(file.toString()).isNotEmpty().doesNotContainNull();
        }
    }

    @Test
    void everyImageIsPinned() throws IOException {
        List<String> images = new ArrayList<>();
        for (Path file : yamlFiles()) {
            Matcher image = Pattern.compile("(?m)^\\s*image:\\s*(\\S+)").matcher(Files.readString(file));
            while (image.find()) {
                images.add(image.group(1));
            }
        }
        Matcher from = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(Files.readString(DEPLOY.resolve("Dockerfile")));
        while (from.find()) {
            images.add(from.group(1));
        }
        assertThat(images).hasSizeGreaterThanOrEqualTo(8)
                .allSatisfy(image -> assertThat(image).as("pinned image").matches(PINNED));
    }

    @Test
    void theComposeFileRunsTwoOfEachSideBehindTheProxy() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.resolve("compose/compose.yaml")));
        @SuppressWarnings("unchecked")
        Set<String> services = ((Map<String, Object>) compose.get("services")).keySet();
        assertThat(services).contains("postgres", "command-a", "command-b", "query-a", "query-b", "proxy",
                "prometheus", "grafana");
        String nginx = Files.readString(DEPLOY.resolve("compose/nginx.conf"));
        assertThat(nginx).contains("command-a:8080", "command-b:8080", "query-a:8080", "query-b:8080");
    }

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws IOException {
        TestHttp http = TestHttp.onPort(port);
        var registered = http.post("/api/v1/projects", """
                {"name":"指标测试项目","investor":"指标测试有限公司","regionCode":"441202","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":1000,"registeredOn":"2024-01-05"}""");
        assertThat(registered.status()).isEqualTo(201);
        http.anonymous().get("/api/v1/regions"); // one refusal, so that the refusal counter exists
        http.get("/api/v1/projects?awaitPosition=" + registered.json().get("position").asLong());
        String scrape = http.get("/actuator/prometheus").body();

        JsonNode dashboard = JsonMapper.builder().build().readTree(
                Files.readString(DEPLOY.resolve("compose/grafana/dashboards/pipeline-tracker.json")));
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher metric = METRIC.matcher(target.get("expr").asString());
                while (metric.find()) {
                    queried.add(metric.group(1));
                }
            }
        }
        assertThat(queried).hasSizeGreaterThanOrEqualTo(10);
        for (String metric : queried) {
            assertThat(scrape).as("exported: " + metric).containsPattern("(?m)^" + metric + "[{ ]");
        }
    }
}
