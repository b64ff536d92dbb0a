package cn.pipelinetracker.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@link InputRules} for query parameters and form fields, before anything else reads them: percent-encoded bytes
 * must be UTF-8 (no overlong forms, no encoded surrogates), and the decoded text must be storable. A breach is a 400
 * problem naming the parameter.
 */
public class QueryTextFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    public QueryTextFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        FieldProblem problem = problemIn(request);
        if (problem != null) {
            ProblemResponses.write(response, json, ProblemAdvice.problem(HttpStatus.BAD_REQUEST, "invalid-request",
                    "Invalid request", problem.field() + ": " + problem.message(), List.of(problem)));
            return;
        }
        chain.doFilter(request, response);
    }

    private static FieldProblem problemIn(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String rawName = equals < 0 ? pair : pair.substring(0, equals);
                String name = strictlyDecoded(rawName);
                if (name == null) {
                    return new FieldProblem(rawName, "the parameter's name is not percent-encoded UTF-8");
                }
                String value = equals < 0 ? "" : strictlyDecoded(pair.substring(equals + 1));
                if (value == null) {
                    return new FieldProblem(name, "is not percent-encoded UTF-8");
                }
                FieldProblem problem = textProblem(name, value);
                if (problem != null) {
                    return problem;
                }
            }
        }
        if (MediaType.APPLICATION_FORM_URLENCODED_VALUE.equals(mediaType(request))) {
            for (Map.Entry<String, String[]> field : request.getParameterMap().entrySet()) {
                for (String value : field.getValue()) {
                    FieldProblem problem = textProblem(field.getKey(), value);
                    if (problem != null) {
                        return problem;
                    }
                }
            }
        }
        return null;
    }

    private static FieldProblem textProblem(String name, String value) {
        String problem = InputRules.textProblem(name);
        if (problem != null) {
            return new FieldProblem("parameter name", problem);
        }
        problem = InputRules.textProblem(value);
        return problem == null ? null : new FieldProblem(name, problem);
    }

    /** The text of a percent-encoded query component, or null when its bytes are not UTF-8. */
    private static String strictlyDecoded(String component) {
        try {
            // ISO-8859-1 maps each byte to one char, so this yields the raw bytes for a strict UTF-8 decode
            byte[] bytes = URLDecoder.decode(component, StandardCharsets.ISO_8859_1)
                    .getBytes(StandardCharsets.ISO_8859_1);
            return InputRules.decodeUtf8(bytes);
        } catch (IllegalArgumentException | CharacterCodingException malformed) {
            return null;
        }
    }

    private static String mediaType(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType == null ? null : contentType.split(";")[0].strip().toLowerCase();
    }
}
