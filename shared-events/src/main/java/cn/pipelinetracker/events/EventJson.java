package cn.pipelinetracker.events;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of events as stored: dates as ISO strings, money as plain numbers, unknown properties
 * ignored so that an older reader survives a newer field. Both the event store and the approved samples
 * use this mapper.
 */
public final class EventJson {

    private EventJson() {
    }

    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    public static JsonMapper mapper() {
        return configure(JsonMapper.builder()).build();
    }
}
