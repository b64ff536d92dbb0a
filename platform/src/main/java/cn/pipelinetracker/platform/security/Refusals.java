package cn.pipelinetracker.platform.security;

import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.web.ProblemException;
import cn.pipelinetracker.platform.web.ProblemMessages;
import cn.pipelinetracker.platform.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Duration;

/**
 * The refusals the security filters answer themselves (before any controller): problem+json, each counted in
 * {@code pipeline_security_denied_total{reason}} or, for an attempt that must wait,
 * {@code pipeline_security_throttled_total}.
 */
final class Refusals {

    private final JsonMapper json;
    private final MeterRegistry meters;
    private final ProblemMessages messages;

    Refusals(JsonMapper json, MeterRegistry meters, ProblemMessages messages) {
        this.json = json;
        this.meters = meters;
        this.messages = messages;
    }

    void deny(HttpServletRequest request, HttpServletResponse response, String reason, HttpStatus status, String type,
              String title, Phrase detail) throws IOException {
        meters.counter("pipeline.security.denied", "reason", reason).increment();
        write(request, response, status, type, title, detail);
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

    void throttledProblem(HttpServletRequest request, HttpServletResponse response, Duration wait)
            throws IOException {
        long seconds = throttled(response, wait);
        write(request, response, HttpStatus.TOO_MANY_REQUESTS, "sign-in-throttled", "Too many failed sign-ins",
                Phrase.of("problem.sign-in-throttled", "Too many failed sign-ins for this user name or from this "
                        + "address: try again in " + seconds + " s", String.valueOf(seconds)));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
                       String title, Phrase detail) throws IOException {
        ProblemResponses.write(response, json, messages.render(new ProblemException(status, type, title, detail),
                request));
    }
}
