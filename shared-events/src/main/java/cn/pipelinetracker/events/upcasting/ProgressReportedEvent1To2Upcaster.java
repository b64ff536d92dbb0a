package cn.pipelinetracker.events.upcasting;

import cn.pipelinetracker.events.ProgressReportedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ProgressReportedEvent} revision 1 → 2: revision 2 added {@code fundsInPlaceYuan}. A revision-1 report said
 * nothing about funds, so the field is null (not zero: "not reported" is not "nothing arrived"). Stored rows are never
 * rewritten; every reader of the log (aggregates, projections, rebuilds) gets revision 2 through this upcaster.
 */
public class ProgressReportedEvent1To2Upcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(ProgressReportedEvent.class.getName(), "1");
    static final String REVISION_2 = "2";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(REVISION_1.getName(), REVISION_2),
                JsonNode.class, ProgressReportedEvent1To2Upcaster::upcast);
    }

    /** The payload's JSON, revision 1 → 2 (also what SQL reading stored payloads must do: see the decision note). */
    public static JsonNode upcast(JsonNode revision1) {
        ObjectNode revision2 = ((ObjectNode) revision1).deepCopy();
        if (!revision2.has("fundsInPlaceYuan")) {
            revision2.putNull("fundsInPlaceYuan");
        }
        return revision2;
    }
}
