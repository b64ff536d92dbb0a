package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens from "the bureau's identity provider": here a local JWK set served on loopback by the test, and
 * tokens the test signs itself. Role and region come from the token's claims.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pipeline.embedded-database=true",
        "pipeline.data-dir=target/test-data/${random.uuid}",
        "pipeline.security.jwt.role-claim=pipeline_role",
        "pipeline.security.jwt.region-claim=pipeline_region"})
class BearerTokenTest {

    private static final String ISSUER = TestIdentityProvider.ISSUER;
    @RegisterExtension
    static final TestIdentityProvider IDP = new TestIdentityProvider();
    private static final RSAKey KEY = IDP.key();
    private static final RSAKey OTHER_KEY = TestIdentityProvider.newKey("forger");

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        IDP.register(registry);
    }

    @LocalServerPort
    int port;

    TestHttp http;

    @BeforeEach
    void client() {
        http = TestHttp.onPort(port);
    }

    private static String token(RSAKey key, String subject, String role, String region, String issuer,
                                Instant expires) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).issuer(issuer)
                .issueTime(new Date()).expirationTime(Date.from(expires));
        if (role != null) {
            claims.claim("pipeline_role", role);
        }
        if (region != null) {
            claims.claim("pipeline_region", region);
        }
        return TestIdentityProvider.sign(key, claims.build());
    }

    private static String token(String subject, String role, String region) {
        return token(KEY, subject, role, region, ISSUER, Instant.now().plusSeconds(300));
    }

    private TestHttp.Response register(String bearer, String region) {
        return http.anonymous().post("/api/v1/projects", """
                {"name":"令牌测试项目","investor":"令牌测试有限公司","regionCode":"%s","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":1000000,"registeredOn":"2024-01-05"}""".formatted(region),
                "Authorization", "Bearer " + bearer);
    }

    @Test
    void aClerksTokenActsInItsRegionAndBecomesTheActor() {
        var registered = register(token("li.ming@zhaoqing", "CLERK", "441200"), "441202");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        var history = http.get("/api/v1/projects/" + registered.json().get("projectId").asString()
                + "/history?awaitPosition=" + registered.json().get("position").asLong());
        assertThat(history.json().get(0).get("actor").asString()).isEqualTo("li.ming@zhaoqing");
    }

    @Test
    void outsideItsRegionATokenIsForbidden() {
        assertThat(register(token("chen@foshan", "CLERK", "440600"), "441202").status()).isEqualTo(403);
        assertThat(register(token("leader@zhaoqing", "LEADER", "441200"), "441202").status()).isEqualTo(403);
    }

    @Test
    void badTokensAreUnauthenticated() {
        assertThat(register(token(OTHER_KEY, "forger", "ADMIN", "440000", ISSUER, Instant.now().plusSeconds(300)),
                "441202").status()).as("signed by another key").isEqualTo(401);
        assertThat(register(token(KEY, "late", "CLERK", "441200", ISSUER, Instant.now().minusSeconds(600)),
                "441202").status()).as("expired").isEqualTo(401);
        assertThat(register(token(KEY, "elsewhere", "CLERK", "441200", "https://other.invalid",
                Instant.now().plusSeconds(300)), "441202").status()).as("another issuer").isEqualTo(401);
        var noRole = register(token("nobody", null, "441200"), "441202");
        assertThat(noRole.status()).as("no role claim").isEqualTo(401);
        assertThat(noRole.json().get("detail").asString()).contains("pipeline_role");
        assertThat(register(token("somewhere", "CLERK", "999999"), "441202").status()).as("unknown region")
                .isEqualTo(401);
    }

    /** Contract: accounts kept by the application are for a bureau without an identity provider. */
    @Test
    void withAnIdentityProviderTheApplicationKeepsNoAccountsAndItsPageSaysSo() {
        var created = http.post("/api/v1/admin/users", """
                {"name":"zq-new","displayName":"新用户","role":"CLERK","regionCode":"441200"}""");
        assertThat(created.status()).as(created.body()).isEqualTo(409);
        assertThat(created.body()).contains("accounts-kept-by-identity-provider");
        assertThat(http.get("/api/v1/admin/users").json()).allSatisfy(user ->
                assertThat(user.get("source").asString()).isEqualTo("CONFIGURATION"));
        var page = http.get("/admin/users");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-accounts-kept=\"false\"");
    }

    @Test
    void basicStaysOnForConfiguredUsers() {
        assertThat(http.get("/api/v1/regions").status()).isEqualTo(200);
        var anonymous = http.anonymous().get("/api/v1/regions");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.raw().headers().allValues("WWW-Authenticate"))
                .anySatisfy(value -> assertThat(value).startsWith("Basic"))
                .anySatisfy(value -> assertThat(value).startsWith("Bearer"));
    }
}
