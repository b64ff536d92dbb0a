package cn.pipelinetracker.platform.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Tomcat's own error answers — a request it refuses before any servlet sees it (headers over the size limit, an
 * encoded {@code /} or NUL in the path, a malformed request line) — as problem+json instead of Tomcat's HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code) == null ? HttpStatus.BAD_REQUEST : HttpStatus.valueOf(code);
        String detail = status == HttpStatus.BAD_REQUEST
                ? "The request was malformed: its request line, path or headers were refused (headers may be at most "
                  + "8 KB; the path may not contain an encoded '/' or NUL)"
                : status.getReasonPhrase();
        try {
            response.setContentType(ProblemResponses.PROBLEM_JSON);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(STANDALONE_JSON.writeValueAsString(ProblemAdvice.problem(status,
                        ProblemAdvice.slug(status), status.getReasonPhrase(), detail, List.of())));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response already started: nothing more to say
        }
    }

    /** Tomcat makes this valve itself, outside the application context: a mapper of its own. */
    private static final tools.jackson.databind.json.JsonMapper STANDALONE_JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();
}
