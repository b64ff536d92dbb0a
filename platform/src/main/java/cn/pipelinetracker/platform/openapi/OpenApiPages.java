package cn.pipelinetracker.platform.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * The HTML pages in the OpenAPI description. springdoc describes JSON controllers only; the pages are listed by hand
 * so that the description names every endpoint a process serves.
 */
public final class OpenApiPages {

    private OpenApiPages() {
    }

    /** A GET that answers an HTML page to a user signed in through the form (unsigned: a redirect to /login). */
    public static Operation page(OpenAPI openApi, String path, String zh, String en) {
        Operation operation = new Operation().addTagsItem("pages").summary(zh + " · " + en)
                .description("HTML page. Without a session the browser is sent to the sign-in form at /login.")
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().description("The page").content(new Content()
                                .addMediaType("text/html", new MediaType().schema(new StringSchema()))))
                        .addApiResponse("302", new ApiResponse().description("Not signed in: to /login")));
        openApi.path(path, new PathItem().get(operation));
        return operation;
    }
}
