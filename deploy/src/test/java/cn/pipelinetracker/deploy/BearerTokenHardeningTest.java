package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bearer tokens must be meant for this application ({@code aud}), and refused tokens make their client address wait
 * like wrong passwords do. The methods run in order: the address's failures add up, the last one exhausts them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pipeline.embedded-database=true",
        "pipeline.data-dir=target/test-data/${random.uuid}",
        "pipeline.security.jwt.audience=pipeline-tracker",
        "pipeline.security.sign-in.free-failures-per-address=5",
        "pipeline.security.sign-in.first-back-off=1s",
        "pipeline.security.sign-in.max-back-off=1s"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BearerTokenHardeningTest {

    @RegisterExtension
    static final TestIdentityProvider IDP = new TestIdentityProvider();

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        IDP.register(registry);
    }

    @LocalServerPort
    int port;

    private static String token(String... audience) {
        return TestIdentityProvider.sign(IDP.key(), new JWTClaimsSet.Builder().subject("li.ming@zhaoqing")
                .issuer(TestIdentityProvider.ISSUER).audience(List.of(audience)).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim("role", "LEADER").claim("region", "441200").build());
    }

    private TestHttp.Response regions(String bearer) {
        return TestHttp.onPort(port).anonymous().get("/api/v1/regions", "Authorization", "Bearer " + bearer);
    }

    @Test
    @Order(1)
    void aTokenMustNameThisApplicationAsItsAudience() {
        assertThat(regions(token("pipeline-tracker")).status()).isEqualTo(200);
        assertThat(regions(token("other-app", "pipeline-tracker")).status()).as("one of several").isEqualTo(200);
        assertThat(regions(token("other-app")).status()).as("another application's").isEqualTo(401);
        assertThat(regions(token()).status()).as("no audience").isEqualTo(401);
    }

    @Test
    @Order(2)
    void refusedTokensMakeTheAddressWaitEvenWithAGoodToken() {
        int attempts = 0;
        TestHttp.Response response;
        do {
            response = regions("not-a-token-" + attempts);
            attempts++;
        } while (response.status() == 401 && attempts <= 6);
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.header("Retry-After")).isPresent();
        var good = regions(token("pipeline-tracker"));
        assertThat(good.status()).isEqualTo(429);
        assertThat(good.header("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));

        await().atMost(Duration.ofSeconds(15)).until(() -> regions(token("pipeline-tracker")).status() == 200);
    }
}
