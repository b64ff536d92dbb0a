package cn.pipelinetracker.command.web;

import cn.pipelinetracker.platform.web.ProblemException;
import cn.pipelinetracker.platform.security.PipelineUser;
import jakarta.servlet.http.HttpServletRequest;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a command request says beside its body: who sent it, how to correlate it, and its idempotency key.
 *
 * @param route          method and path, part of the idempotency fingerprint
 * @param actor          the authenticated user, who becomes the actor of the events
 * @param correlationId  {@code X-Correlation-Id} if given, else a new UUID
 * @param idempotencyKey {@code Idempotency-Key}, or null
 */
public record CommandRequest(String route, String actor, String correlationId, String idempotencyKey) {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String CORRELATION_ID = "X-Correlation-Id";
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\x21-\\x7E]{1,200}");

    public static CommandRequest of(HttpServletRequest http, PipelineUser user) {
        String key = header(http, IDEMPOTENCY_KEY);
        String correlationId = header(http, CORRELATION_ID);
        return new CommandRequest(http.getMethod() + " " + http.getRequestURI(), user.name(),
                correlationId == null ? UUID.randomUUID().toString() : correlationId, key);
    }

    private static String header(HttpServletRequest http, String name) {
        String value = http.getHeader(name);
        if (value == null) {
            return null;
        }
        if (!HEADER_VALUE.matcher(value).matches()) {
            throw ProblemException.invalidField(name, "must be 1 to 200 visible ASCII characters");
        }
        return value;
    }
}
