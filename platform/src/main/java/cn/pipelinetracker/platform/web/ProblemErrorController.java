package cn.pipelinetracker.platform.web;

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
import java.util.List;

/**
 * The servlet container's error path ({@code /error}) as problem+json, in place of Spring Boot's own answer: errors
 * raised outside any controller (a request the firewall rejected, a failure in a filter) and a direct request for
 * {@code /error} itself (a 404).
 */
@Controller
public class ProblemErrorController implements ErrorController {

    private final JsonMapper json;

    public ProblemErrorController(JsonMapper json) {
        this.json = json;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object cause = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.NOT_FOUND;
        String detail;
        if (code == null) {
            detail = "No such resource";
        } else if (cause instanceof RequestRejectedException || status == HttpStatus.BAD_REQUEST) {
            status = HttpStatus.BAD_REQUEST;
            detail = "The request was malformed or contained characters that are not allowed (in its path or headers)";
        } else if (status.is5xxServerError()) {
            detail = "The request could not be completed; nothing was stored.";
        } else {
            detail = status.getReasonPhrase();
        }
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        ProblemResponses.write(response, json, ProblemAdvice.problem(status, ProblemAdvice.slug(status),
                status.getReasonPhrase(), detail, List.of()));
    }
}
