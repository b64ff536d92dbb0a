package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON for the tests: every number read as {@link java.math.BigDecimal}, so that an amount is compared exactly as it
 * travelled (a double would hide a lossy server), and request bodies written from ordered maps.
 */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {
    }

    static JsonNode of(TestHttp.Response response) {
        return MAPPER.readTree(response.body());
    }

    static JsonNode parse(String json) {
        return MAPPER.readTree(json);
    }

    static String write(Map<String, ?> body) {
        return MAPPER.writeValueAsString(body);
    }

    /** An ordered, mutable copy of {@code body}: change one field of a valid request to make an invalid one. */
    static Map<String, Object> copy(Map<String, ?> body) {
        return new LinkedHashMap<>(body);
    }
}
