package cn.pipelinetracker.platform.test;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI description, read by a real OpenAPI parser (swagger-parser), and what every shape's test checks
 * in it: every request handler of the application is described, and every example validates against its schema
 * (JSON Schema 2020-12, the dialect of OpenAPI 3.1).
 */
public final class OpenApiDescription {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final String raw;
    private final OpenAPI parsed;
    private final JsonNode tree;

    private OpenApiDescription(String raw) {
        SwaggerParseResult result = new OpenAPIParser().readContents(raw, null, null);
        assertThat(result.getMessages()).as("parser messages").isEmpty();
        this.raw = raw;
        this.parsed = result.getOpenAPI();
        this.tree = JSON.readTree(raw);
    }

    /** {@code GET /v3/api-docs} as the given client, parsed. */
    public static OpenApiDescription served(TestHttp http) {
        TestHttp.Response response = http.get("/v3/api-docs");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new OpenApiDescription(response.body());
    }

    public OpenAPI parsed() {
        return parsed;
    }

    public JsonNode tree() {
        return tree;
    }

    /**
     * "METHOD /path" of every handler method of the application; left out are springdoc's own and the servlet
     * container's error page ({@code /error}, where refusals are forwarded), which no client calls.
     */
    public static Set<String> handlers(RequestMappingHandlerMapping mapping) {
        Set<String> handlers = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            Class<?> type = entry.getValue().getBeanType();
            if (type.getName().startsWith("org.springdoc.") || ErrorController.class.isAssignableFrom(type)) {
                continue;
            }
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            assertThat(methods).as("handler %s names its HTTP method", entry.getValue()).isNotEmpty();
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                methods.forEach(method -> handlers.add(method + " " + pattern));
            }
        }
        return handlers;
    }

    /** "METHOD /path" of every operation described. */
    public Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        parsed.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach((PathItem.HttpMethod method) -> operations.add(method + " " + path)));
        return operations;
    }

    /** Every example of a request or response body that does not validate against its schema, with why. */
    public List<String> invalidExamples() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        List<String> invalid = new ArrayList<>();
        int[] checked = {0};
        tree.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String where = operation.getKey().toUpperCase() + " " + path.getKey();
            JsonNode body = operation.getValue().at("/requestBody/content");
            body.properties().forEach(media -> checked[0] += check(registry, where + " request " + media.getKey(),
                    media.getValue(), invalid));
            operation.getValue().path("responses").properties().forEach(response -> response.getValue()
                    .path("content").properties().forEach(media -> checked[0] += check(registry,
                            where + " " + response.getKey() + " " + media.getKey(), media.getValue(), invalid)));
        }));
        assertThat(checked[0]).as("examples checked").isPositive();
        return invalid;
    }

    private int check(SchemaRegistry registry, String where, JsonNode media, List<String> invalid) {
        List<JsonNode> examples = new ArrayList<>();
        if (media.has("example")) {
            examples.add(media.get("example"));
        }
        media.path("examples").forEach(example -> examples.add(example.get("value")));
        if (examples.isEmpty()) {
            return 0;
        }
        // the media type's schema with the description's components beside it, so that its $refs resolve
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.set("components", tree.get("components"));
        schema.setAll((ObjectNode) media.get("schema"));
        Schema validator = registry.getSchema(schema);
        for (JsonNode example : examples) {
            List<Error> errors = validator.validate(example);
            if (!errors.isEmpty()) {
                invalid.add(where + ": " + errors + " in " + example);
            }
        }
        return examples.size();
    }

    public boolean mentions(String text) {
        return raw.contains(text);
    }

    /** The content of one response, or null. */
    public Content response(String path, PathItem.HttpMethod method, String status) {
        var response = parsed.getPaths().get(path).readOperationsMap().get(method).getResponses().get(status);
        return response == null ? null : response.getContent();
    }
}
