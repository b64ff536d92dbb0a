package cn.pipelinetracker.command.web;

import cn.pipelinetracker.command.handling.CommandEnvelope;
import cn.pipelinetracker.command.handling.CommandSource;
import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.security.CurrentUser;
import cn.pipelinetracker.platform.security.PageSessions;
import cn.pipelinetracker.platform.security.PipelineUser;
import cn.pipelinetracker.platform.web.FieldProblem;
import cn.pipelinetracker.platform.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the HTTP edge adds to a command: its body read and checked exactly as Spring MVC reads {@code @Valid
 * @RequestBody} (the same strict JSON, the same problems), and its envelope — the signed-in user as actor, its
 * region, the {@code X-Correlation-Id} and {@code Idempotency-Key} headers, the fingerprint a key covers (method,
 * path and body), and its source: a page when the user came from a signed-in session, the API otherwise.
 */
@Component
public class HttpCommands {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String CORRELATION_ID = "X-Correlation-Id";
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final CurrentUser currentUser;
    private final JsonMapper json;
    private final Validator validator;

    public HttpCommands(CurrentUser currentUser, JsonMapper json, Validator validator) {
        this.currentUser = currentUser;
        this.json = json;
        this.validator = validator;
    }

    public CommandEnvelope envelope(HttpServletRequest http, Object body, Object command) {
        PipelineUser user = currentUser.get();
        String key = header(http, IDEMPOTENCY_KEY);
        String correlationId = header(http, CORRELATION_ID);
        return new CommandEnvelope(command, new CommandEnvelope.Actor(user.name(), user.regionCode()),
                correlationId == null ? UUID.randomUUID().toString() : correlationId, key,
                key == null ? null : fingerprint(http.getMethod() + " " + http.getRequestURI(), body),
                PageSessions.authenticatedBySession(http) ? CommandSource.PAGE : CommandSource.HTTP);
    }

    /** The body as {@code type}, checked; an absent body is a 400 unless {@code optional} (then: all fields null). */
    public <T> T body(HttpServletRequest http, byte[] body, Class<T> type, boolean optional) {
        ServletServerHttpRequest input = new ServletServerHttpRequest(http);
        boolean empty = body == null || body.length == 0;
        if (!empty) {
            MediaType contentType = input.getHeaders().getContentType();
            if (contentType == null || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
                throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                        "Unsupported media type", Phrase.of("problem.json-only",
                        "The body must be application/json"));
            }
        } else if (!optional) {
            throw new HttpMessageNotReadableException("Required request body is missing", input);
        }
        T read;
        try {
            read = json.readValue(empty ? "{}".getBytes(StandardCharsets.UTF_8) : body, type);
        } catch (JacksonException unreadable) {
            throw new HttpMessageNotReadableException("JSON parse error", unreadable, input);
        }
        List<FieldProblem> errors = validator.validate(read).stream()
                .map(violation -> new FieldProblem(violation.getPropertyPath().toString(), violation.getMessage()))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return read;
    }

    private static String header(HttpServletRequest http, String name) {
        String value = http.getHeader(name);
        if (value == null) {
            return null;
        }
        if (!HEADER_VALUE.matcher(value).matches()) {
            throw ProblemException.invalidField(name, Phrase.of("problem.header-value",
                    "must be 1 to 200 visible ASCII characters"));
        }
        return value;
    }

    private String fingerprint(String route, Object body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(route.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(json.writeValueAsBytes(body));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
