package cn.pipelinetracker.platform.web;

import cn.pipelinetracker.platform.i18n.Phrase;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request the application refuses, answered as RFC 9457 problem+json by {@link ProblemAdvice}. {@code type} is a
 * short stable slug ({@code project-not-found}) that clients can switch on; it becomes the problem's type URI. The
 * title is English here and looked up as {@code problem.<type>.title} for other readers; the detail and each field's
 * message are {@link Phrase}s, rendered in the reader's language.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final Phrase detail;
    private final List<FieldProblem> errors;

    public ProblemException(HttpStatus status, String type, String title, String detail) {
        this(status, type, title, Phrase.english(detail), List.of());
    }

    public ProblemException(HttpStatus status, String type, String title, String detail, List<FieldProblem> errors) {
        this(status, type, title, Phrase.english(detail), errors);
    }

    public ProblemException(HttpStatus status, String type, String title, Phrase detail) {
        this(status, type, title, detail, List.of());
    }

    public ProblemException(HttpStatus status, String type, String title, Phrase detail, List<FieldProblem> errors) {
        super(detail.english());
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException invalidField(String field, String message) {
        return invalidField(field, Phrase.english(message));
    }

    /** A 400 naming one field; its detail is "field: message" in the reader's language. */
    public static ProblemException invalidField(String field, Phrase message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                new Phrase(message.key() == null ? null : "problem.field", field + ": " + message.english(),
                        List.of(field, message)),
                List.of(new FieldProblem(field, message)));
    }

    /** A 400 for a {@code regionCode} that names no region of the tree. */
    public static ProblemException unknownRegion(String regionCode) {
        return invalidField("regionCode", Phrase.of("refusal.unknown-region", "unknown region code " + regionCode
                + " (GET /api/v1/regions lists them)", regionCode));
    }

    /** A 400 for an {@code industry} that names no industry of the list. */
    public static ProblemException unknownIndustry(String industry) {
        return invalidField("industry", Phrase.of("refusal.unknown-industry", "unknown industry " + industry
                + " (GET /api/v1/industries lists them)", industry));
    }

    /** A 400 listing every invalid field; its detail sums them up ("field: message; ..."). */
    public static ProblemException invalid(List<FieldProblem> errors) {
        String summary = errors.stream().map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; "));
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", summary, errors);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Phrase detail() {
        return detail;
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
