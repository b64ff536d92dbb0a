package cn.pipelinetracker.platform.openapi;

import java.util.LinkedHashMap;
import java.util.Map;

/** Example bodies for the OpenAPI description. */
public final class OpenApiExamples {

    private OpenApiExamples() {
    }

    /** An ordered JSON object from name, value pairs. */
    public static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }
}
