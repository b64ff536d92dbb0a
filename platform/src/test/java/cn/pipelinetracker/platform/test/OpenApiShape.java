package cn.pipelinetracker.platform.test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every shape's OpenAPI test checks first: the served description parses, names every request handler of the
 * application, its examples validate, and Swagger UI is served. Subclasses check what their shape serves, and only it.
 */
public abstract class OpenApiShape {

    @LocalServerPort
    protected int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlers;

    protected OpenApiDescription describedCompletely() {
        TestHttp http = TestHttp.onPort(port);
        OpenApiDescription description = OpenApiDescription.served(http);
        assertThat(description.parsed().getOpenapi()).startsWith("3.1");
        assertThat(description.operations()).containsAll(OpenApiDescription.handlers(handlers));
        assertThat(description.invalidExamples()).isEmpty();
        assertThat(http.get("/swagger-ui/index.html").status()).isEqualTo(200);
        return description;
    }
}
