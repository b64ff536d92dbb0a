package cn.pipelinetracker.query;

import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Shares each processor's segments among the query-side processes alive. Axon gives every unclaimed segment to
 * whichever process asks first, so the first process to start would do all the work and the others would wait. Each
 * process therefore beats a heart in {@code query_node} and, holding more than its fair share of a processor's
 * segments (their number divided by the processes alive, rounded up), releases the extra ones for another process to
 * claim. A process that dies stops beating; its segments' claims expire and the survivors take them over.
 */
@Component
public class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);
    private static final String ALIVE = "seen_at > now() - INTERVAL '10 seconds'";

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    public SegmentBalancer(EventProcessingConfiguration processing, JdbcClient jdbc) {
        this.processing = processing;
        this.jdbc = jdbc;
    }

    @Scheduled(initialDelay = 1000, fixedDelay = 2000)
    void heartbeatAndBalance() {
        jdbc.sql("INSERT INTO query_node (node_id, seen_at) VALUES (?, now()) "
                + "ON CONFLICT (node_id) DO UPDATE SET seen_at = now()").param(node).update();
        long alive = Math.max(1, jdbc.sql("SELECT count(*) FROM query_node WHERE " + ALIVE)
                .query(Long.class).single());
        processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .forEach(processor -> balance(processor, alive));
    }

    private void balance(StreamingEventProcessor processor, long alive) {
        long segments = jdbc.sql("SELECT count(*) FROM token_entry WHERE processor_name = ?")
                .param(processor.getName()).query(Long.class).single();
        long fair = (segments + alive - 1) / alive;
        List<Integer> mine = processor.processingStatus().keySet().stream()
                .sorted(Comparator.reverseOrder()).toList();
        for (int i = 0; i < mine.size() - fair; i++) {
            log.info("Processor {}: releasing segment {} ({} held, fair share {} of {} among {} processes)",
                    processor.getName(), mine.get(i), mine.size(), fair, segments, alive);
            processor.releaseSegment(mine.get(i));
        }
    }

    @PreDestroy
    void leave() {
        jdbc.sql("DELETE FROM query_node WHERE node_id = ?").param(node).update();
    }
}
