package cn.pipelinetracker.command.openapi;

import cn.pipelinetracker.platform.test.OpenApiShape;
import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The command side alone describes what it serves: its commands, every one, with examples that validate. */
@PipelineIntegrationTest
class CommandSideOpenApiTest extends OpenApiShape {

    @Test
    void describesEveryCommandAndNothingItDoesNotServe() {
        assertThat(describedCompletely().operations())
                .contains("POST /api/v1/projects", "POST /api/v1/projects/{id}/start-production")
                .doesNotContain("GET /api/v1/projects", "GET /api/v1/oc4ids/projects");
    }
}
