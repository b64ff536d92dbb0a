package cn.pipelinetracker.command.web;

import cn.pipelinetracker.command.handling.CommandRefusal;
import cn.pipelinetracker.platform.web.FieldProblem;
import cn.pipelinetracker.platform.web.ProblemException;
import cn.pipelinetracker.platform.web.ProblemMessages;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;

/**
 * The HTTP answer to a refused command: its kind decides the status (400, 403, 404, 409, 412, 422), its code is the
 * problem's type, its phrase the detail (and the field's message) in the reader's language.
 */
@RestControllerAdvice
@Order(0)
public class CommandRefusalAdvice {

    private final ProblemMessages messages;

    public CommandRefusalAdvice(ProblemMessages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(CommandRefusal.class)
    ResponseEntity<ProblemDetail> refused(CommandRefusal refusal, HttpServletRequest request) {
        ProblemException problem = asProblem(refusal);
        return ResponseEntity.status(problem.status()).body(messages.render(problem, request));
    }

    public static ProblemException asProblem(CommandRefusal refusal) {
        HttpStatus status = switch (refusal.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case STALE_VERSION -> HttpStatus.PRECONDITION_FAILED;
            case KEY_REUSED -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        String title = switch (refusal.kind()) {
            case INVALID -> "Invalid request";
            case NOT_FOUND -> "Project not found";
            case FORBIDDEN -> "Outside your region";
            case CONFLICT -> "Not allowed in the project's current state";
            case STALE_VERSION -> "Stale version";
            case KEY_REUSED -> "Idempotency key reused";
        };
        List<FieldProblem> errors = refusal.field() == null ? List.of()
                : List.of(new FieldProblem(refusal.field(), refusal.phrase()));
        return new ProblemException(status, refusal.code(), title, refusal.phrase(), errors);
    }
}
