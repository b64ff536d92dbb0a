package cn.pipelinetracker.query.openapi;

import cn.pipelinetracker.platform.test.OpenApiShape;
import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The query side alone describes what it serves: queries, audit, administration, open data and pages. */
@PipelineIntegrationTest
class QuerySideOpenApiTest extends OpenApiShape {

    @Test
    void describesEveryQueryAndNothingItDoesNotServe() {
        assertThat(describedCompletely().operations())
                .contains("GET /api/v1/projects", "GET /api/v1/oc4ids/projects", "GET /dashboard/projects/{id}")
                .doesNotContain("POST /api/v1/projects", "POST /api/v1/projects/{id}/sign");
    }
}
