package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts kept by the application, over HTTP (contract: "Accounts kept by the application"): the lifecycle from
 * creation through the forced change of the one-time password to disabling, which ends an open page session at once;
 * a regional admin held to its subtree; the history in the audit log, with its actors and never a password.
 */
@PipelineIntegrationTest
class AccountsHttpTest {

    private static final String USERS = "/api/v1/admin/users";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.onPort(port);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String create(TestHttp as, String name, String role, String region) {
        var created = as.post(USERS, """
                {"name":"%s","displayName":"李明","role":"%s","regionCode":"%s"}""".formatted(name, role, region));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("name").asString()).isEqualTo(name);
        return created.json().path("initialPassword").asString();
    }

    /** Creates an account and gives it its own password; that password. */
    private String ready(TestHttp as, String name, String role, String region) {
        String oneTime = create(as, name, role, region);
        String own = "Own-pass-" + UUID.randomUUID();
        var changed = http.as(name, oneTime).post("/api/v1/me/password", """
                {"currentPassword":"%s","newPassword":"%s"}""".formatted(oneTime, own));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        return own;
    }

    private long rows(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void aNewUserMustChangeItsOneTimePasswordBeforeAnythingElseThenItWorks() {
        String name = unique("zq-li");
        String oneTime = create(http, name, "CLERK", "441200");
        TestHttp firstSignIn = http.as(name, oneTime);

        var before = firstSignIn.get("/api/v1/projects");
        assertThat(before.status()).isEqualTo(403);
        assertThat(before.header("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(before.body()).contains("password-change-required", "/api/v1/me/password");
        assertThat(firstSignIn.get("/api/v1/projects", "Accept-Language", "zh-CN").body()).contains("一次性密码");

        var tooShort = firstSignIn.post("/api/v1/me/password", """
                {"currentPassword":"%s","newPassword":"short"}""".formatted(oneTime), "Accept-Language", "zh-CN");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().path("errors").get(0).path("field").asString()).isEqualTo("newPassword");
        assertThat(tooShort.body()).contains("至少 10 个字符");
        var withName = firstSignIn.post("/api/v1/me/password", """
                {"currentPassword":"%s","newPassword":"x-%s-2024"}""".formatted(oneTime, name.toUpperCase()));
        assertThat(withName.status()).isEqualTo(400);
        assertThat(withName.body()).contains("must not contain the user name");
        var wrongCurrent = firstSignIn.post("/api/v1/me/password", """
                {"currentPassword":"not-it-at-all","newPassword":"a-good-long-password"}""");
        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(wrongCurrent.json().path("errors").get(0).path("field").asString()).isEqualTo("currentPassword");

        var changed = firstSignIn.post("/api/v1/me/password", """
                {"currentPassword":"%s","newPassword":"a-good-long-password"}""".formatted(oneTime));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(firstSignIn.get("/api/v1/projects").status()).as("the one-time password is gone").isEqualTo(401);
        TestHttp clerk = http.as(name, "a-good-long-password");
        assertThat(clerk.get("/api/v1/projects").status()).isEqualTo(200);
        assertThat(clerk.post("/api/v1/projects", """
                {"name":"账号登记","investor":"某公司","regionCode":"441202","industry":"ELECTRONICS",
                 "plannedInvestmentYuan":1000000,"registeredOn":"2024-01-01"}""").status()).isEqualTo(201);
        assertThat(clerk.post("/api/v1/projects", """
                {"name":"区外登记","investor":"某公司","regionCode":"440600","industry":"ELECTRONICS",
                 "plannedInvestmentYuan":1000000,"registeredOn":"2024-01-01"}""").status())
                .as("the account's region holds").isEqualTo(403);

        JsonNode listed = Json.of(http.get(USERS));
        List<String> sources = new ArrayList<>();
        listed.forEach(user -> {
            if (user.path("name").asString().equals(name)) {
                assertThat(user.path("role").asString()).isEqualTo("CLERK");
                assertThat(user.path("regionCode").asString()).isEqualTo("441200");
                assertThat(user.path("enabled").asBoolean()).isTrue();
                assertThat(user.path("displayName").asString()).isEqualTo("李明");
            }
            if (user.path("name").asString().equals(name) || user.path("name").asString().equals("zq-clerk")) {
                sources.add(user.path("name").asString() + ":" + user.path("source").asString());
            }
        });
        assertThat(sources).containsExactlyInAnyOrder(name + ":DATABASE", "zq-clerk:CONFIGURATION");
    }

    @Test
    void aPageSignedInWithAOneTimePasswordGoesToThePasswordFormFirst() throws Exception {
        String name = unique("zq-qian");
        String oneTime = create(http, name, "CLERK", "441200");
        HttpClient browser = signedIn(name, oneTime);

        var workbench = send(browser, "/workbench");
        assertThat(workbench.statusCode()).isEqualTo(302);
        assertThat(workbench.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/password"));
        assertThat(send(browser, "/api/v1/projects").statusCode()).isEqualTo(403);
        var form = send(browser, "/password");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("一次性密码", "one-time password", "newPasswordAgain");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).isTrue();

        String fields = "currentPassword=" + oneTime + "&newPassword=Page-chosen-1&newPasswordAgain=Page-chosen-1";
        assertThat(postForm(browser, "/password", fields).statusCode()).as("no CSRF token").isEqualTo(403);
        var tooShort = postForm(browser, "/password", "currentPassword=" + oneTime
                + "&newPassword=short&newPasswordAgain=short&_csrf=" + csrf.group(1));
        assertThat(tooShort.statusCode()).isEqualTo(200);
        assertThat(tooShort.body()).contains("至少 10 个字符", "at least 10 characters");
        var saved = postForm(browser, "/password", fields + "&_csrf=" + csrf.group(1));
        assertThat(saved.statusCode()).isEqualTo(303);

        assertThat(send(browser, "/workbench").statusCode()).isEqualTo(200);
        assertThat(send(browser, "/api/v1/projects").statusCode()).isEqualTo(200);
        assertThat(http.as(name, "Page-chosen-1").get("/api/v1/projects").status()).isEqualTo(200);
    }

    @Test
    void aDisabledUserIsRefusedAtOnceAlsoWithAnOpenPageSession() throws Exception {
        String name = unique("zq-wang");
        String password = ready(http, name, "LEADER", "441200");
        HttpClient browser = signedIn(name, password);
        assertThat(send(browser, "/api/v1/projects").statusCode()).isEqualTo(200);

        var disabled = http.patch(USERS + "/" + name, "{\"enabled\":false}");
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();

        assertThat(http.as(name, password).get("/api/v1/projects").status()).isEqualTo(401);
        assertThat(send(browser, "/api/v1/projects").statusCode()).as("the open session").isEqualTo(401);
        assertThat(send(browser, "/api/v1/projects").statusCode()).as("and it stays ended").isEqualTo(401);

        assertThat(http.patch(USERS + "/" + name, "{\"enabled\":true}").status()).isEqualTo(200);
        assertThat(http.as(name, password).get("/api/v1/projects").status()).isEqualTo(200);
    }

    @Test
    void anAdminsPageSessionChangesAccountsOnlyWithItsCsrfToken() throws Exception {
        String name = unique("zq-feng");
        create(http, name, "CLERK", "441200");
        HttpClient admin = signedIn("test-admin", "test-admin-pw");
        long events = rows("SELECT count(*) FROM domain_event_entry");
        String token = metaToken(send(admin, "/admin/users").body());

        var withoutToken = admin.send(patch(name).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("csrf-token-invalid");
        assertThat(rows("SELECT count(*) FROM domain_event_entry")).isEqualTo(events);

        var withToken = admin.send(patch(name).header("X-CSRF-TOKEN", token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);
        assertThat(rows("SELECT count(*) FROM account WHERE name = ? AND NOT enabled", name)).isEqualTo(1);
    }

    private HttpRequest.Builder patch(String name) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + USERS + "/" + name))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"enabled\":false}"));
    }

    private static String metaToken(String html) {
        Matcher meta = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\">").matcher(html);
        assertThat(meta.find()).as(html).isTrue();
        return meta.group(1);
    }

    @Test
    void aChangedRoleAppliesToAnOpenSessionAtItsNextRequest() throws Exception {
        String name = unique("zq-zhao");
        String password = ready(http, name, "CLERK", "441200");
        HttpClient browser = signedIn(name, password);
        String stats = "/api/v1/stats/pipeline?regionCode=441200";
        assertThat(send(browser, stats).statusCode()).isEqualTo(403);

        assertThat(http.patch(USERS + "/" + name, "{\"role\":\"LEADER\"}").status()).isEqualTo(200);

        assertThat(send(browser, stats).statusCode()).isEqualTo(200);
    }

    @Test
    void aRegionalAdminManagesOnlyItsSubtreeAndGrantsNoRoleBeyondItAndARefusalStoresNothing() {
        String admin = unique("zq-admin");
        TestHttp regional = http.as(admin, ready(http, admin, "ADMIN", "441200"));
        long events = rows("SELECT count(*) FROM domain_event_entry");
        long accounts = rows("SELECT count(*) FROM account");

        var outside = regional.post(USERS, """
                {"name":"%s","displayName":"佛山","role":"CLERK","regionCode":"440600"}""".formatted(unique("fs")));
        var wholeProvince = regional.post(USERS, """
                {"name":"%s","displayName":"审计","role":"AUDITOR","regionCode":"441200"}""".formatted(unique("au")));
        var foshanUser = regional.patch(USERS + "/" + unique("fs"), "{\"enabled\":false}");
        var moveOwnClerkOut = regional.patch(USERS + "/zq-clerk", "{\"regionCode\":\"440600\"}");

        assertThat(outside.status()).as(outside.body()).isEqualTo(403);
        assertThat(outside.body()).contains("region-forbidden");
        assertThat(wholeProvince.status()).as(wholeProvince.body()).isEqualTo(403);
        assertThat(wholeProvince.body()).contains("role-above-yours");
        assertThat(foshanUser.status()).isEqualTo(404);
        assertThat(moveOwnClerkOut.status()).as("a configured user is not edited").isEqualTo(409);
        assertThat(rows("SELECT count(*) FROM domain_event_entry")).isEqualTo(events);
        assertThat(rows("SELECT count(*) FROM account")).isEqualTo(accounts);

        String clerk = unique("dz-clerk");
        create(regional, clerk, "CLERK", "441202");
        var movedOut = regional.patch(USERS + "/" + clerk, "{\"regionCode\":\"440600\"}");
        assertThat(movedOut.status()).isEqualTo(403);
        assertThat(rows("SELECT count(*) FROM account WHERE name = ? AND region_code = '441202'", clerk))
                .isEqualTo(1);
        assertThat(Json.of(regional.get(USERS))).extracting(user -> user.path("regionCode").asString())
                .allSatisfy(region -> assertThat(region).startsWith("4412"));
    }

    @Test
    void aTakenNameIsAConflictAndABadBodyIsAProblemNamingTheField() {
        String name = unique("zq-sun");
        create(http, name, "CLERK", "441200");

        for (String taken : List.of(name, "zq-clerk")) {
            var again = http.post(USERS, """
                    {"name":"%s","displayName":"又一个","role":"CLERK","regionCode":"441200"}""".formatted(taken));
            assertThat(again.status()).as(taken).isEqualTo(409);
            assertThat(again.body()).contains("account-name-taken");
        }
        var badName = http.post(USERS, """
                {"name":"有 空格","displayName":"x","role":"CLERK","regionCode":"441200"}""");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body()).contains("\"field\":\"name\"");
        assertThat(http.as("auditor").post(USERS, """
                {"name":"%s","displayName":"x","role":"CLERK","regionCode":"441200"}""".formatted(unique("a")))
                .status()).isEqualTo(403);
        assertThat(http.as("auditor").patch(USERS + "/" + name, "{\"enabled\":false}").status()).isEqualTo(403);
    }

    @Test
    void everyChangeIsInTheAuditLogWithItsActorAndNoPasswordEver() {
        long after = rows("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
        String name = unique("zq-zhou");
        String oneTime = create(http, name, "CLERK", "441200");
        String own = "Zhou-own-password-1";
        assertThat(http.as(name, oneTime).post("/api/v1/me/password", """
                {"currentPassword":"%s","newPassword":"%s"}""".formatted(oneTime, own)).status()).isEqualTo(200);
        assertThat(http.patch(USERS + "/" + name, "{\"regionCode\":\"441202\",\"displayName\":\"周\"}").status())
                .isEqualTo(200);
        var reset = http.post(USERS + "/" + name + "/password-reset", "");
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        String second = reset.json().path("initialPassword").asString();
        assertThat(second).hasSizeGreaterThanOrEqualTo(16).isNotEqualTo(oneTime);
        assertThat(http.as(name, own).get("/api/v1/projects").status()).isEqualTo(401);
        assertThat(http.as(name, second).get("/api/v1/projects").status()).isEqualTo(403);

        var log = http.as("auditor").get("/api/v1/audit/events?after=" + after);
        assertThat(log.status()).isEqualTo(200);
        List<String> entries = new ArrayList<>();
        Json.of(log).forEach(event -> {
            if (name.equals(event.path("aggregateId").asString())) {
                assertThat(event.path("aggregateType").asString()).isEqualTo("ACCOUNT");
                assertThat(event.path("projectId").isNull()).isTrue();
                assertThat(event.path("hash").asString()).isNotBlank();
                String type = event.path("type").asString();
                entries.add(type.substring(type.lastIndexOf('.') + 1) + " by " + event.path("actor").asString());
            }
        });
        assertThat(entries).containsExactly(
                "AccountCreatedEvent by test-admin",
                "AccountPasswordChangedEvent by " + name,
                "AccountDisplayNameChangedEvent by test-admin",
                "AccountAccessChangedEvent by test-admin",
                "AccountPasswordResetEvent by test-admin");
        assertThat(log.body()).doesNotContain(oneTime, own, second, "$2a$", "{bcrypt}", "assword\"");
        assertThat(http.as("auditor").get("/api/v1/audit/verify").json().path("valid").asBoolean()).isTrue();
    }

    private HttpResponse<String> send(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> postForm(HttpClient browser, String path, String form) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A browser signed in through the form. */
    private HttpClient signedIn(String name, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(send(browser, "/login").body());
        assertThat(csrf.find()).isTrue();
        String form = "username=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        var signIn = postForm(browser, "/login", form);
        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(l ->
                assertThat(l).doesNotContain("error"));
        return browser;
    }
}
