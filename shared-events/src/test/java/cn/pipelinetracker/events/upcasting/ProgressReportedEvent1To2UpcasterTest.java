package cn.pipelinetracker.events.upcasting;

import cn.pipelinetracker.events.EventJson;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.ProgressReportedEvent;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The approved revision-1 sample, stored as a revision-1 event is stored (bytes, type and revision), read through the
 * upcaster chain and the event serializer: it becomes the revision-2 event with no funds reported. A revision-2 event
 * passes unchanged.
 */
class ProgressReportedEvent1To2UpcasterTest {

    private static final String ID = "3f1c2a9e-8d4b-4c1e-9a57-0b6f1d2e3c4a";
    private static final Jackson3Serializer SERIALIZER = Jackson3Serializer.builder()
            .jsonMapperBuilderCustomizer(EventJson::configure).build();
    private static final EventUpcasterChain CHAIN = new EventUpcasterChain(new ProgressReportedEvent1To2Upcaster());

    @Test
    void aStoredRevisionOneReportReadsAsRevisionTwoWithoutFunds() throws IOException {
        List<IntermediateEventRepresentation> upcast = upcast(approved("ProgressReportedEvent.v1.json"), "1");

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        Object event = SERIALIZER.deserialize((SerializedObject<?>) upcast.get(0).getData());
        assertThat(event).isEqualTo(new ProgressReportedEvent(ID, LocalDate.of(2023, 9, 30),
                Money.ofYuan("333400000.25"), new BigDecimal("62.9"), null));
    }

    @Test
    void aRevisionTwoReportPassesUnchanged() throws IOException {
        byte[] stored = approved("ProgressReportedEvent.v2.json");

        List<IntermediateEventRepresentation> upcast = upcast(stored, "2");

        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        assertThat(upcast.get(0).getData(byte[].class).getData()).isEqualTo(stored);
    }

    @Test
    void theJsonFormGainsTheFieldAsNullAndKeepsEveryOther() throws IOException {
        var revision1 = EventJson.mapper().readTree(approved("ProgressReportedEvent.v1.json"));

        var revision2 = ProgressReportedEvent1To2Upcaster.upcast(revision1);

        assertThat(revision2.get("fundsInPlaceYuan").isNull()).isTrue();
        assertThat(revision2.get("completedInvestmentYuan").decimalValue()).isEqualTo(new BigDecimal("333400000.25"));
        assertThat(revision1.has("fundsInPlaceYuan")).as("the stored form is left alone").isFalse();
    }

    private static List<IntermediateEventRepresentation> upcast(byte[] payload, String revision) {
        var entry = new GenericDomainEventEntry<>("InvestmentProject", ID, 1, "event-1", "2023-10-08T02:00:00Z",
                ProgressReportedEvent.class.getName(), revision, payload, "{}".getBytes(StandardCharsets.UTF_8));
        return CHAIN.upcast(Stream.of(new InitialEventRepresentation(entry, SERIALIZER))).toList();
    }

    private static byte[] approved(String name) throws IOException {
        try (InputStream in = ProgressReportedEvent1To2UpcasterTest.class.getResourceAsStream("/approved/" + name)) {
            return in.readAllBytes();
        }
    }
}
