package cn.pipelinetracker.query.position;

import cn.pipelinetracker.platform.axon.ProcessorTokens;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;

/**
 * Answers "have the projections processed every event up to position N?" for every event processor of this process,
 * from the token store ({@link ProcessorTokens}), so that it holds across processes.
 */
@Component
public class ProjectionPositions {

    private final ProcessorTokens tokens;
    private final EventProcessingConfiguration processing;

    public ProjectionPositions(JdbcClient jdbc, Serializer serializer, EventProcessingConfiguration processing) {
        this.tokens = new ProcessorTokens(jdbc, serializer);
        this.processing = processing;
    }

    /** The names of the processors whose tokens are checked: every event processor of this process. */
    public Set<String> processorNames() {
        return processing.eventProcessors().keySet();
    }

    /** The position of the newest event in the log (0 when it is empty). */
    public long head() {
        return tokens.head();
    }

    /** True once position N exists in the log and every processor has handled every event up to it. */
    public boolean hasProcessed(long position) {
        if (position <= 0) {
            return true; // positions start at 1: everything up to 0 is nothing, processed even on an empty log
        }
        return head() >= position && processorNames().stream()
                .allMatch(name -> tokens.hasProcessed(name, position, type -> handles(name, type)));
    }

    /** Whether the processor has a handler for events of this payload type (unknown processors and types: yes). */
    private boolean handles(String processorName, String payloadType) {
        Optional<EventProcessor> processor = processing.eventProcessor(processorName);
        if (processor.isEmpty() || !(processor.get() instanceof AbstractEventProcessor known)) {
            return true;
        }
        try {
            return known.eventHandlerInvoker().canHandleType(Class.forName(payloadType));
        } catch (ClassNotFoundException unknownType) {
            return true;
        }
    }

    /** The position up to which a processor has certainly processed every event: its lowest segment token. */
    public long positionOf(String processorName) {
        return tokens.positionOf(processorName);
    }

    /** For an error message: which processors have not yet processed position N, and where their segments are. */
    public String describeLag(long position) {
        return processorNames().stream().sorted()
                .filter(name -> !tokens.hasProcessed(name, position, type -> handles(name, type)))
                .map(name -> name + " " + tokens.tokensOf(name).stream()
                        .map(t -> t.segment().getSegmentId() + "@" + (t.token() == null ? "none"
                                : t.token().position().orElse(-1)))
                        .toList())
                .collect(java.util.stream.Collectors.joining("; "));
    }
}
