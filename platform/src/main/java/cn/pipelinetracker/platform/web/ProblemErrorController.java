package cn.pipelinetracker.platform.web;

import cn.pipelinetracker.platform.i18n.Phrase;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * The servlet container's error path ({@code /error}) as problem+json, in place of Spring Boot's own answer: errors
 * raised outside any controller (a request the firewall rejected, a failure in a filter) and a direct request for
 * {@code /error} itself (a 404).
 */
@Controller
public class ProblemErrorController implements ErrorController {

    private final JsonMapper json;
    private final ProblemMessages messages;

    public ProblemErrorController(JsonMapper json, ProblemMessages messages) {
        this.json = json;
        this.messages = messages;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object cause = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.NOT_FOUND;
        Phrase detail;
        if (code == null) {
            detail = Phrase.of("problem.no-such-resource", "No such resource");
        } else if (cause instanceof RequestRejectedException || status == HttpStatus.BAD_REQUEST) {
            status = HttpStatus.BAD_REQUEST;
            detail = Phrase.of("problem.request-rejected",
                    "The request contains characters that are not allowed in its headers or path");
        } else if (status.is5xxServerError()) {
            detail = Phrase.of("problem.internal-error", "The request could not be completed; nothing was stored.");
        } else {
            detail = Phrase.english(status.getReasonPhrase());
        }
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        ProblemResponses.write(response, json, messages.render(new ProblemException(status, ProblemAdvice.slug(status),
                status.getReasonPhrase(), detail), request));
    }
}
