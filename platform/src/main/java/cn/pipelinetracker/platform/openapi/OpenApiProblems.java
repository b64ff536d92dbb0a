package cn.pipelinetracker.platform.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import java.util.LinkedHashMap;

/** Problem+json responses of an operation in the OpenAPI description, one example per problem type. */
public final class OpenApiProblems {

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    private OpenApiProblems() {
    }

    /** Adds {@code type} to the operation's response for its status, with {@code detail} as its example's detail. */
    public static void add(Operation operation, ProblemType type, String detail) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        String status = String.valueOf(type.status());
        ApiResponse response = operation.getResponses().get(status);
        if (response == null || response.getContent() == null || response.getContent().get(PROBLEM_JSON) == null) {
            response = new ApiResponse().description(type.title()).content(new Content().addMediaType(PROBLEM_JSON,
                    new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA)).examples(new LinkedHashMap<>())));
            operation.getResponses().addApiResponse(status, response);
        } else if (!response.getDescription().contains(type.title())) {
            response.setDescription(response.getDescription() + "; " + type.title());
        }
        response.getContent().get(PROBLEM_JSON).getExamples()
                .putIfAbsent(type.slug(), new Example().summary(type.title()).value(type.example(detail)));
    }
}
