package cn.pipelinetracker.platform.openapi;

import cn.pipelinetracker.platform.web.ProblemAdvice;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A problem type the API answers with, for the OpenAPI description: its slug (the last part of the problem's
 * {@code type} URI), its HTTP status and its English title.
 */
public record ProblemType(String slug, int status, String title) {

    /** A problem+json body of this type, as an example. */
    public Map<String, Object> example(String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", ProblemAdvice.typeUri(slug).toString());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return body;
    }

    public static final ProblemType INVALID_REQUEST = new ProblemType("invalid-request", 400, "Invalid request");
    public static final ProblemType MALFORMED_REQUEST = new ProblemType("malformed-request", 400, "Malformed request");
    public static final ProblemType UNAUTHENTICATED = new ProblemType("unauthenticated", 401, "Unauthenticated");
    public static final ProblemType ROLE_FORBIDDEN = new ProblemType("role-forbidden", 403, "Not allowed for your role");
    public static final ProblemType REGION_FORBIDDEN = new ProblemType("region-forbidden", 403, "Outside your region");
    public static final ProblemType BODY_TOO_LARGE = new ProblemType("body-too-large", 413, "Request body too large");
    public static final ProblemType INTERNAL_ERROR = new ProblemType("internal-error", 500, "Internal error");
    public static final ProblemType POSITION_NOT_REACHED =
            new ProblemType("position-not-reached", 503, "Position not reached");
}
