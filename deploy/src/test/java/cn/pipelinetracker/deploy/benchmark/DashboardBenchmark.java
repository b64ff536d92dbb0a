package cn.pipelinetracker.deploy.benchmark;

import cn.pipelinetracker.deploy.Chromium;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Not a test: part 9 of the performance harness (issue 19). One view of the dashboard as a leader of the province
 * opens it for one year ({@code /?region=440000&period=2024}), at each size of {@code benchmark.query-projects}
 * ({@link GeneratedReadModels}). The page's API requests on first load, in its order and with its parameters, are
 * derived here as {@code dashboard.js} and {@code campaigns.js} derive them (two waves: the session, regions and
 * industries; then the region's campaigns, the statistics batch — split where its URL would pass 6 000 characters —,
 * the largest projects and the alerts), and
 * replayed over HTTP with the page's headers on a session signed in through the login form, as the page's is.
 * {@code benchmark.dashboard-views} views (after 5 unmeasured): the server time of the view (its requests one after the
 * other: their sum and the slowest) and the view's wall time with the page's concurrency (each wave at once), p50/p99.
 * Then headless Chromium ({@link Chromium}) opens the page {@code benchmark.rounds} times: milliseconds from navigation
 * to the figures drawn (the page's {@code dashboard-ready} mark) and to every panel drawn (the later of that and the
 * campaign board's {@code campaigns-ready}), reported, not asserted; its fetches must be the replayed requests.
 * Writes {@code target/benchmark/dashboard.json}.
 */
@Benchmark
class DashboardBenchmark {

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final int VIEWS = Integer.getInteger("benchmark.dashboard-views", 20);
    private static final String LEADER = "gd-leader";
    private static final String REGION = "440000";
    private static final int YEAR = 2024;
    private static final String PAGE = "/?region=" + REGION + "&period=" + YEAR;
    private static final double TARGET_MS = 300;
    /** {@code dashboard.js}: the milestones of the tiles and of the trend; common.js: the batch URL's limit. */
    private static final List<String> MILESTONES = List.of("SIGNED", "CONSTRUCTION_STARTED", "CONSTRUCTION_COMPLETED",
            "PRODUCTION_STARTED");
    private static final List<String> TREND_MILESTONES = List.of("SIGNED", "CONSTRUCTION_STARTED", "PRODUCTION_STARTED");
    private static final int BATCH_URL_LIMIT = 6000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void oneViewOfTheDashboardForTheProvince() throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        for (int projects : GeneratedReadModels.sizes()) {
            GeneratedReadModels.fill(jdbc, projects);
            HttpClient session = signedIn();
            List<List<String>> waves = requestsOfTheView(session);
            System.out.printf("%nThe dashboard as a province leader opens it (%s) at %,d projects: %d requests%n",
                    PAGE, projects, waves.stream().mapToInt(List::size).sum());
            waves.forEach(wave -> wave.forEach(path -> System.out.println("  " + shorten(path))));
            Map<String, Object> atSize = new LinkedHashMap<>();
            atSize.put("page", PAGE);
            atSize.put("requests", waves);
            atSize.putAll(replay(session, waves));
            atSize.put("browser", inChromium(waves));
            results.put(String.valueOf(projects), atSize);
        }
        Rounds.write("dashboard.json", results);
    }

    /** The requests of the view in two waves, each wave's requests in the order the page starts them. */
    private List<List<String>> requestsOfTheView(HttpClient session) throws Exception {
        List<String> first = List.of("/dashboard/session", "/api/v1/regions", "/api/v1/industries");
        JsonNode regions = JSON.readTree(get(session, first.get(1)));
        JsonNode industries = JSON.readTree(get(session, first.get(2)));
        String from = YEAR + "-01-01";
        String to = YEAR + "-12-31";
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        List<Map<String, String>> questions = new ArrayList<>();
        questions.add(ordered("milestone", "SIGNED", "withFunds", "true"));
        MILESTONES.subList(1, MILESTONES.size()).forEach(m -> questions.add(ordered("milestone", m)));
        if (!LocalDate.parse(from).isAfter(today)) {
            for (String m : List.of("CONSTRUCTION_STARTED", "PRODUCTION_STARTED")) {
                questions.add(ordered("milestone", m, "to", today.toString(), "signedFrom", from, "signedTo", to));
            }
        }
        LocalDate end = LocalDate.parse(to).isBefore(today) ? LocalDate.parse(to) : today;
        YearMonth lastQuarter = YearMonth.of(end.getYear(), ((end.getMonthValue() - 1) / 3) * 3 + 3);
        for (int q = 7; q >= 0; q--) {
            YearMonth quarterEnd = lastQuarter.minusMonths(3L * q);
            for (String m : TREND_MILESTONES) {
                questions.add(ordered("milestone", m, "from", quarterEnd.minusMonths(2).atDay(1).toString(),
                        "to", quarterEnd.atEndOfMonth().toString()));
            }
        }
        regions.forEach(r -> {
            if (REGION.equals(r.path("parentCode").asString(null))) {
                questions.add(ordered("regionCode", r.get("code").asString()));
            }
        });
        industries.forEach(i -> questions.add(ordered("industry", i.get("code").asString())));

        String base = "/api/v1/stats/milestones/batch?" + form(ordered("milestone", "SIGNED", "regionCode", REGION,
                "from", from, "to", to));
        // the campaign board loads its region's campaigns when the view first draws, before the figures are asked for
        List<String> second = new ArrayList<>(List.of("/api/v1/campaigns?regionCode=" + REGION));
        StringBuilder batch = new StringBuilder(base);
        for (Map<String, String> question : questions) {
            String encoded = "&q=" + URLEncoder.encode(form(question), StandardCharsets.UTF_8);
            if (batch.length() + encoded.length() > BATCH_URL_LIMIT && batch.length() > base.length()) {
                second.add(batch.toString());
                batch = new StringBuilder(base);
            }
            batch.append(encoded);
        }
        second.add(batch.toString());
        second.add("/api/v1/projects?" + form(ordered("regionCode", REGION, "signedFrom", from, "signedTo", to,
                "sort", "plannedInvestmentYuan", "size", "10")));
        second.add("/api/v1/alerts/counts?regionCode=" + REGION);
        return List.of(first, second);
    }

    private Map<String, Object> replay(HttpClient session, List<List<String>> waves) throws Exception {
        List<String> requests = waves.stream().flatMap(List::stream).toList();
        for (int i = 0; i < 5; i++) {
            for (String path : requests) {
                get(session, path);
            }
        }
        Histogram sum = new Histogram(600_000_000L, 3);
        Histogram slowest = new Histogram(600_000_000L, 3);
        Histogram asThePage = new Histogram(600_000_000L, 3);
        Map<String, Histogram> each = new LinkedHashMap<>();
        requests.forEach(path -> each.put(path, new Histogram(600_000_000L, 3)));
        for (int view = 0; view < VIEWS; view++) {
            long total = 0;
            long max = 0;
            for (String path : requests) {
                long start = System.nanoTime();
                get(session, path);
                long micros = Math.max(1, (System.nanoTime() - start) / 1000);
                each.get(path).recordValue(micros);
                total += micros;
                max = Math.max(max, micros);
            }
            sum.recordValue(total);
            slowest.recordValue(max);
            long start = System.nanoTime();
            for (List<String> wave : waves) {
                CompletableFuture.allOf(wave.stream().map(path -> session.sendAsync(request(path),
                        HttpResponse.BodyHandlers.ofString()).thenApply(DashboardBenchmark::ok))
                        .toArray(CompletableFuture[]::new)).join();
            }
            asThePage.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("views", VIEWS);
        figures.put("target_ms", TARGET_MS);
        figures.put("server_ms_sum", percentiles("server time of the view, sum of its requests", sum));
        figures.put("server_ms_slowest", percentiles("its slowest request", slowest));
        figures.put("wall_ms_as_the_page", percentiles("the view with the page's concurrency (wall)", asThePage));
        Map<String, Object> byRequest = new LinkedHashMap<>();
        each.forEach((path, latency) -> byRequest.put(path, percentiles("  " + shorten(path), latency)));
        figures.put("by_request", byRequest);
        return figures;
    }

    private static Map<String, Double> percentiles(String what, Histogram latency) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("p50", latency.getValueAtPercentile(50) / 1000.0);
        figures.put("p99", latency.getValueAtPercentile(99) / 1000.0);
        System.out.printf("  %-72s p50 %8.1f / p99 %8.1f ms%n", what, figures.get("p50"), figures.get("p99"));
        return figures;
    }

    /** The page in Chromium, {@code benchmark.rounds} times (the first cold): navigation to every panel drawn. */
    private Map<String, Object> inChromium(List<List<String>> waves) throws Exception {
        Chromium chromium;
        try {
            chromium = Chromium.start(port);
        } catch (TestAbortedException noBrowser) {
            System.out.println("  in Chromium: skipped (" + noBrowser.getMessage() + ")");
            return Map.of("skipped", noBrowser.getMessage());
        }
        try {
            chromium.signIn(LEADER);
            double[] figuresMs = new double[ROUNDS];
            double[] everyPanelMs = new double[ROUNDS];
            List<String> replayed = waves.stream().flatMap(List::stream).sorted().toList();
            for (int round = 0; round < ROUNDS; round++) {
                chromium.open(PAGE);
                // the campaign board draws on its own: wait for its mark too
                chromium.waitUntil(d -> chromium.script(
                        "return performance.getEntriesByName('campaigns-ready').length;").equals(1L));
                figuresMs[round] = mark(chromium, "dashboard-ready");
                everyPanelMs[round] = Math.max(figuresMs[round], mark(chromium, "campaigns-ready"));
                @SuppressWarnings("unchecked")
                List<String> fetched = ((List<String>) chromium.script("return performance.getEntriesByType('resource')"
                        + ".filter(e => e.initiatorType === 'fetch').map(e => e.name.substring(location.origin.length));"));
                if (!fetched.stream().sorted().toList().equals(replayed)) {
                    throw new IllegalStateException("the page fetched what the replay does not ask, or not what it asks: "
                            + fetched.stream().filter(f -> !replayed.contains(f)).toList() + " / "
                            + replayed.stream().filter(r -> !fetched.contains(r)).toList());
                }
            }
            System.out.printf("  in Chromium, navigation to the figures drawn: %s ms, to every panel drawn: %s ms"
                    + " (the first cold)%n", joined(figuresMs), joined(everyPanelMs));
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("figures_drawn_ms_each_navigation", figuresMs);
            figures.put("every_panel_drawn_ms_each_navigation", everyPanelMs);
            figures.put("every_panel_drawn_ms_median", Rounds.median(everyPanelMs));
            return figures;
        } finally {
            chromium.quit();
        }
    }

    /** Milliseconds from the navigation's start to the page's performance mark {@code name}. */
    private static double mark(Chromium chromium, String name) {
        return ((Number) chromium.script("return performance.getEntriesByName(arguments[0])[0].startTime;", name))
                .doubleValue();
    }

    private static String joined(double[] milliseconds) {
        return Arrays.stream(milliseconds).mapToObj(ms -> String.format("%.0f", ms)).collect(Collectors.joining(", "));
    }

    /** Signed in through the login form, as a browser is: the session cookie rides on every request. */
    private HttpClient signedIn() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String page = ok(browser.send(HttpRequest.newBuilder(uri("/login")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString()));
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(ordered("username", LEADER, "password", LEADER + "-pw",
                        "_csrf", csrf.group(1))))).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("error").contains("error")) {
            throw new IllegalStateException("sign-in as " + LEADER + " failed: " + signedIn.statusCode());
        }
        return browser;
    }

    private String get(HttpClient session, String path) throws Exception {
        return ok(session.send(request(path), HttpResponse.BodyHandlers.ofString()));
    }

    /** What the page's {@code api()} sends. */
    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Accept", "application/json")
                .header("Accept-Language", "zh-CN").header("X-Requested-With", "XMLHttpRequest").build();
    }

    private static String ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** {@code URLSearchParams}' form: names and values as the page encodes them, in their order. */
    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return parameters;
    }

    private static String shorten(String path) {
        return path.length() <= 90 ? path : path.substring(0, 87) + "…";
    }
}
