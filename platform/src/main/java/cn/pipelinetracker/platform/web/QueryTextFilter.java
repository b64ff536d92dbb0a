package cn.pipelinetracker.platform.web;

import cn.pipelinetracker.platform.i18n.Phrase;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@link InputRules} for query parameters and form fields, before anything else reads them: percent-encoded bytes
 * must be UTF-8 (no overlong forms, no encoded surrogates), and the decoded text must be storable. A breach is a 400
 * problem naming the parameter.
 */
public class QueryTextFilter extends OncePerRequestFilter {

    private static final Phrase NOT_UTF8 = Phrase.of("input.not-utf8", "is not percent-encoded UTF-8");

    private final JsonMapper json;
    private final ProblemMessages messages;

    public QueryTextFilter(JsonMapper json, ProblemMessages messages) {
        this.json = json;
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        FieldProblem problem = problemIn(request);
        if (problem != null) {
            ProblemResponses.write(response, json, messages.render(
                    ProblemException.invalidField(problem.field(), problem.localized()), request));
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
                    return new FieldProblem("parameter name", NOT_UTF8);
                }
                String value = equals < 0 ? "" : strictlyDecoded(pair.substring(equals + 1));
                if (value == null) {
                    return new FieldProblem(name, NOT_UTF8);
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
        Phrase problem = InputRules.textProblem(name);
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
