package cn.pipelinetracker.platform.web;

import cn.pipelinetracker.platform.i18n.Phrase;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one place that turns refusals into RFC 9457 problem+json, in the reader's language ({@link ProblemMessages}):
 * the application's {@link ProblemException}s, Spring MVC's own (malformed JSON, failed Bean Validation, unknown
 * route...), and anything unexpected (a 500 that names no internals).
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final String TYPE_PREFIX = "urn:pipeline-tracker:problem:";
    private static final String INVALID = "invalid-request";
    private static final String INVALID_TITLE = "Invalid request";

    private final ProblemMessages messages;

    public ProblemAdvice(ProblemMessages messages) {
        this.messages = messages;
    }

    public static URI typeUri(String slug) {
        return URI.create(TYPE_PREFIX + slug);
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> handleProblem(ProblemException e, HttpServletRequest request) {
        return ResponseEntity.status(e.status()).body(messages.render(e, request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception e) {
        log.error("Unexpected failure", e);
        return answer(new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                Phrase.of("problem.internal-error", "The request could not be completed; nothing was stored.")));
    }

    /** A header value the firewall refused (non-ASCII, control characters), found when a controller read it. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> handleRejected(RequestRejectedException e) {
        return answer(new ProblemException(HttpStatus.BAD_REQUEST, INVALID, INVALID_TITLE,
                Phrase.of("problem.request-rejected",
                        "The request contains characters that are not allowed in its headers or path")));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = e instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : Objects.requireNonNullElse(e.getPropertyName(), "parameter");
        Phrase message = ruleBroken(e);
        if (message == null) {
            message = expected(e.getRequiredType());
        }
        return answer(ProblemException.invalidField(field, message));
    }

    /** The rule of {@link InputRules} that a query parameter's conversion broke, if any. */
    private static Phrase ruleBroken(Throwable e) {
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof InputRules.InputRuleException broken) {
                return broken.problem();
            }
        }
        return null;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof BodySizeLimitFilter.BodyTooLargeException tooLarge) {
                return answer(BodySizeLimitFilter.tooLarge(tooLarge.limit()));
            }
        }
        Throwable cause = e.getCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            Phrase message = cause instanceof UnrecognizedPropertyException
                    ? Phrase.of("field.unknown", "is not a known field") : describe(databind);
            return answer(ProblemException.invalidField(fieldPath(databind), message));
        }
        Phrase detail = cause instanceof JacksonException jackson
                ? Phrase.of("problem.not-json", "The body is not valid JSON: " + jackson.getOriginalMessage(),
                        jackson.getOriginalMessage())
                : Phrase.of("problem.no-body", "The request needs a JSON body.");
        return answer(new ProblemException(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Bean Validation's messages come in the request's language already (Hibernate Validator's own bundles)
        return invalid(e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList());
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldProblem(
                        Objects.requireNonNullElse(result.getMethodParameter().getParameterName(), "parameter"),
                        error.getDefaultMessage())))
                .toList());
    }

    private ResponseEntity<Object> invalid(List<FieldProblem> errors) {
        return answer(ProblemException.invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail detail
                && (detail.getType() == null || "about:blank".equals(detail.getType().toString()))) {
            String type = slug(status);
            detail.setType(typeUri(type));
            Locale locale = LocaleContextHolder.getLocale();
            detail.setTitle(messages.text(Phrase.of("problem." + type + ".title",
                    Objects.requireNonNullElse(detail.getTitle(), type)), locale));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private ResponseEntity<Object> answer(ProblemException problem) {
        return ResponseEntity.status(problem.status()).body(messages.render(problem.status(), problem.type(),
                problem.title(), problem.detail(), problem.errors(), LocaleContextHolder.getLocale()));
    }

    /** The body of every problem+json answer: {@code type} is a slug under the project's URN. */
    public static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail,
            List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(typeUri(type));
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    private static String fieldPath(DatabindException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** Says what the field should have been, in the client's terms rather than Java's. */
    private static Phrase describe(DatabindException e) {
        if (e instanceof StrictInputModule.InputRuleViolation violation) {
            return violation.problem();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof IllegalArgumentException && root.getMessage() != null) {
            return Phrase.english(root.getMessage());
        }
        return expected(e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null);
    }

    private static Phrase expected(Class<?> target) {
        if (target == null) {
            return Phrase.of("field.invalid", "has an invalid value");
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive() && target != boolean.class) {
            return Phrase.of("field.number", "must be a number");
        }
        if (target == LocalDate.class) {
            return InputRules.DATE_FORMAT;
        }
        if (target == Instant.class) {
            return InputRules.INSTANT_FORMAT;
        }
        if (target.isEnum()) {
            String values = Arrays.toString(target.getEnumConstants());
            return Phrase.of("field.one-of", "must be one of " + values, values);
        }
        if (target == String.class) {
            return Phrase.of("field.text", "must be a string");
        }
        if (Collection.class.isAssignableFrom(target)) {
            return Phrase.of("field.list", "must be a list");
        }
        return Phrase.of("field.invalid", "has an invalid value");
    }

    public static String slug(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http-" + status.value() : known.name().toLowerCase().replace('_', '-');
    }
}
