package cn.pipelinetracker.platform.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The back-off's arithmetic, on a clock the test moves. */
class SignInThrottleTest {

    /** A clock that stands still until the test moves it. */
    static final class TestClock extends Clock {
        private Instant now = Instant.parse("2024-07-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final TestClock clock = new TestClock();
    private final SignInThrottle throttle = new SignInThrottle(
            new SecurityProperties.SignIn(3, 10, Duration.ofSeconds(1), Duration.ofSeconds(10), 100), clock);

    @Test
    void theFreeFailuresCostNothingThenTheWaitDoublesUpToTheMaximum() {
        throttle.failed("wang", "10.0.0.1");
        throttle.failed("wang", "10.0.0.1");
        assertThat(throttle.waitFor("wang", "10.0.0.1")).isEmpty();
        for (long expected : new long[] {1, 2, 4, 8, 10, 10}) {
            throttle.failed("wang", "10.0.0.1");
            assertThat(throttle.waitFor("wang", "10.0.0.2")).as("the name waits, from any address")
                    .hasValue(Duration.ofSeconds(expected));
            clock.advance(Duration.ofSeconds(expected));
            assertThat(throttle.waitFor("wang", "10.0.0.2")).isEmpty();
        }
    }

    @Test
    void anAddressWaitsForEveryNameAndASuccessDoesNotClearIt() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("guess-" + i, "10.0.0.1");
        }
        assertThat(throttle.waitFor("li", "10.0.0.1")).hasValue(Duration.ofSeconds(1));
        throttle.succeeded("li");
        assertThat(throttle.waitFor(null, "10.0.0.1")).as("a bearer token from there").isPresent();
        assertThat(throttle.waitFor("li", "10.0.0.9")).isEmpty();
    }

    @Test
    void aSuccessClearsTheNamesFailures() {
        throttle.failed("wang", "10.0.0.1");
        throttle.failed("wang", "10.0.0.1");
        throttle.succeeded("wang");
        throttle.failed("wang", "10.0.0.1");
        throttle.failed("wang", "10.0.0.1");
        assertThat(throttle.waitFor("wang", "10.0.0.1")).isEmpty();
    }

    @Test
    void aNameQuietForTheMaximumBackOffIsForgotten() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("wang", "10.0.0." + i);
        }
        clock.advance(Duration.ofSeconds(4 + 10 + 1)); // its last wait, then the maximum back-off of quiet
        throttle.failed("wang", "10.0.0.1");
        assertThat(throttle.waitFor("wang", "10.0.0.2")).as("counted afresh: one free failure of three").isEmpty();
    }

    @Test
    void atMostTheRememberedNumberOfNamesAndAddressesAreKept() {
        throttle.failed("wang", "10.0.0.1");
        throttle.failed("wang", "10.0.0.1");
        for (int i = 0; i < 100; i++) {
            throttle.failed(null, "192.168.0." + i);
        }
        throttle.failed("wang", "10.0.0.1");
        assertThat(throttle.waitFor("wang", "10.0.0.1")).as("the earlier failures were forgotten").isEmpty();
    }
}
