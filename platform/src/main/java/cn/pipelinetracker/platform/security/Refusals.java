package cn.pipelinetracker.platform.security;

import cn.pipelinetracker.platform.web.ProblemAdvice;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The refusals the security filters answer themselves (before any controller): problem+json, each counted in
 * {@code pipeline_security_denied_total{reason}} or, for an attempt that must wait,
 * {@code pipeline_security_throttled_total}.
 */
final class Refusals {

    private final JsonMapper json;
    private final MeterRegistry meters;

    Refusals(JsonMapper json, MeterRegistry meters) {
        this.json = json;
        this.meters = meters;
    }

    void deny(HttpServletResponse response, String reason, HttpStatus status, String type, String title,
              String detail) throws IOException {
        meters.counter("pipeline.security.denied", "reason", reason).increment();
        write(response, status, type, title, detail);
    }

    /**
     * Starts a 429 with {@code Retry-After}, the wait in whole seconds (rounded up), and returns those seconds; the
     * caller writes the body ({@link #throttledProblem} or a page).
     */
    long throttled(HttpServletResponse response, Duration wait) {
        long seconds = Math.max(1, wait.plusNanos(999_999_999).getSeconds());
        meters.counter("pipeline.security.throttled").increment();
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return seconds;
    }

    void throttledProblem(HttpServletResponse response, Duration wait) throws IOException {
        long seconds = throttled(response, wait);
        write(response, HttpStatus.TOO_MANY_REQUESTS, "sign-in-throttled", "Too many failed sign-ins",
                "Too many failed sign-ins for this user name or from this address: try again in " + seconds + " s");
    }

    private void write(HttpServletResponse response, HttpStatus status, String type, String title, String detail)
            throws IOException {
        ProblemDetail problem = ProblemAdvice.problem(status, type, title, detail, List.of());
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
