package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The approved JSON of the events of publications and periods, as {@link ApprovedEventJsonTest} guards projects'. */
class PublicationEventJsonTest {

    private static final JsonMapper MAPPER = EventJson.mapper();

    static List<Object> samples() {
        return List.of(
                new FigurePublishedEvent("9b2e4c61-0d7a-4f3e-8c15-2a6b7d9e0f13", "肇庆市2024年上半年新签约工业项目",
                        Milestone.SIGNED, RegionCode.of("441200"), LocalDate.of(2024, 1, 1),
                        LocalDate.of(2024, 6, 30), IndustryCode.of("NEW_ENERGY"), "深圳", 430,
                        Money.ofYuan("78660000000"), 51234, "441200:2024-06"),
                new PeriodClosedEvent("441200:2024-06", RegionCode.of("441200"), "2024-06"),
                new PeriodReopenedEvent("441200:2024-06", RegionCode.of("441200"), "2024-06", "补录6月28日签约项目"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void declaresARevisionAndSerializesToTheApprovedJson(Object sample) throws IOException {
        assertThat(sample.getClass().getAnnotation(Revision.class)).isNotNull();
        String actual = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(sample) + "\n";
        assertThat(actual).isEqualTo(ApprovedEventJsonTest.approvedJson(sample));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void readsTheApprovedJsonBack(Object sample) throws IOException {
        assertThat(MAPPER.readValue(ApprovedEventJsonTest.approvedJson(sample), sample.getClass())).isEqualTo(sample);
    }
}
