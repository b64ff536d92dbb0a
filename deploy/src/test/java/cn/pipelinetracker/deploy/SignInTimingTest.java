package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wrong password of a known user and any password of an unknown one are refused in the same time, whatever the
 * known user's stored password ({@code {noop}} or {@code {bcrypt}}): the time tells no names apart. Attempts of the
 * two kinds alternate and their medians are compared, so that a busy machine slows both alike. (No back-off here: it
 * would refuse the attempts before their passwords are checked.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pipeline.embedded-database=true",
        "pipeline.data-dir=target/test-data/${random.uuid}",
        "pipeline.security.sign-in.free-failures-per-name=100000",
        "pipeline.security.sign-in.free-failures-per-address=100000"})
class SignInTimingTest {

    private static final int ROUNDS = 30;

    @LocalServerPort
    int port;

    @Test
    void unknownAndKnownNamesAreRefusedInTheSameTime() {
        TestHttp http = TestHttp.onPort(port);
        List<Long> unknown = new ArrayList<>();
        List<Long> knownNoop = new ArrayList<>();
        List<Long> knownBcrypt = new ArrayList<>();
        for (int round = -3; round < ROUNDS; round++) { // three rounds to warm up
            int i = round;
            long a = refusalNanos(() -> http.as("no-such-user-" + i, "guess").get("/api/v1/regions"));
            long b = refusalNanos(() -> http.as("zq-clerk", "guess").get("/api/v1/regions"));
            long c = refusalNanos(() -> http.as("fs-clerk", "guess").get("/api/v1/regions"));
            if (round >= 0) {
                unknown.add(a);
                knownNoop.add(b);
                knownBcrypt.add(c);
            }
        }
        double unknownMedian = median(unknown);
        assertThat(unknownMedian / median(knownNoop)).as("unknown / known {noop} user").isBetween(0.5, 2.0);
        assertThat(unknownMedian / median(knownBcrypt)).as("unknown / known {bcrypt} user").isBetween(0.5, 2.0);
    }

    private static long refusalNanos(Supplier<TestHttp.Response> attempt) {
        long start = System.nanoTime();
        TestHttp.Response response = attempt.get();
        long nanos = System.nanoTime() - start;
        assertThat(response.status()).isEqualTo(401);
        return nanos;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
