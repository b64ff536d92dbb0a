package cn.pipelinetracker.query;

import cn.pipelinetracker.platform.PipelineProperties;
import cn.pipelinetracker.platform.audit.CheckpointSigner;
import cn.pipelinetracker.platform.database.SchemaMigration;
import cn.pipelinetracker.query.campaign.CampaignProjection;
import cn.pipelinetracker.query.history.ProjectHistoryProjection;
import cn.pipelinetracker.query.projectview.ProjectViewProjection;
import cn.pipelinetracker.query.publication.PublicationProjection;
import cn.pipelinetracker.query.stats.MilestoneFactsProjection;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.nio.file.Path;
import java.util.List;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class QuerySideConfiguration {

    /**
     * The checkpoints' Ed25519 key: configured ({@code pipeline.audit.signing-key}), or in the file
     * {@code pipeline.audit.signing-key-file}, by default {@code DIR/audit-signing-key} (generated the first time). Every
     * query-side process should sign with the same key: with a database server and several machines, configure it.
     */
    @Bean
    CheckpointSigner checkpointSigner(PipelineProperties pipeline,
                                      @Value("${pipeline.audit.signing-key:}") String configuredKey,
                                      @Value("${pipeline.audit.signing-key-file:}") String keyFile,
                                      @Value("${spring.datasource.url:}") String databaseServer) {
        Path file = keyFile.isBlank() ? pipeline.dataDir().resolve(CheckpointSigner.DEFAULT_FILE)
                : Path.of(keyFile.strip());
        if (configuredKey.isBlank() && keyFile.isBlank() && !databaseServer.isBlank()) {
            LoggerFactory.getLogger(CheckpointSigner.class).warn("No pipeline.audit.signing-key or "
                    + "pipeline.audit.signing-key-file configured with a database server: checkpoints are signed with "
                    + "the key in {}. Query-side processes on other machines must sign with the same key: configure it "
                    + "on every one.", file.toAbsolutePath());
        }
        return CheckpointSigner.load(configuredKey, file);
    }

    @Bean
    SchemaMigration querySideSchema() {
        return new SchemaMigration("query-side", 20);
    }

    /**
     * Every projection runs in a pooled streaming processor: its token and its rows are written in one transaction
     * (exactly-once), batches of up to 500 events, and segments that several query-side processes share. Unclaimed
     * segments are looked for every second (Axon's default is five), so that a starting process begins working,
     * and a surviving one takes over a dead one's segments, without a noticeable pause.
     */
    @Bean
    ConfigurerModule pooledProcessors() {
        return configurer -> configurer.eventProcessing().usingPooledStreamingEventProcessors(
                (configuration, builder) -> builder.batchSize(500).initialSegmentCount(4).tokenClaimInterval(1000));
    }

    /**
     * Every projection has a dead-letter queue in {@code dead_letter_entry}: an event its handlers refuse is parked
     * there, with its project's later events behind it (sequenced per project), and the processor goes on with
     * everyone else's (docs/decisions/0013-dead-letters-and-recovery.md).
     */
    @Bean
    ConfigurerModule deadLetterQueues(ConnectionProvider connections, TransactionManager transactions,
                                      DeadLetterSchema schema, Serializer serializer,
                                      @Qualifier("eventSerializer") Serializer eventSerializer) {
        return new ConfigurerModule() {
            @Override
            public void configureModule(Configurer configurer) {
                // a handler's failure must reach the dead-lettering invoker: Axon's default handler logs and goes on
                configurer.eventProcessing()
                        .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance())
                        .registerDeadLetterQueueProvider(processingGroup -> configuration ->
                                JdbcSequencedDeadLetterQueue.builder()
                                        .processingGroup(processingGroup)
                                        .connectionProvider(connections)
                                        .transactionManager(transactions)
                                        .schema(schema)
                                        .genericSerializer(serializer)
                                        .eventSerializer(eventSerializer)
                                        .build());
                // without it, every event asks the queue whether its project has letters parked: a round trip per
                // event and projection (the cache remembers the projects that have none, per segment)
                for (String processingGroup : List.of(ProjectViewProjection.PROCESSING_GROUP,
                        ProjectHistoryProjection.PROCESSING_GROUP, MilestoneFactsProjection.PROCESSING_GROUP,
                        CampaignProjection.PROCESSING_GROUP, PublicationProjection.PROCESSING_GROUP)) {
                    configurer.eventProcessing().registerDeadLetteringEventHandlerInvokerConfiguration(
                            processingGroup, (configuration, invoker) -> invoker.enableSequenceIdentifierCache());
                }
            }

            /** After Axon's own module, which registers a provider that gives no queue unless a property asks. */
            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }
        };
    }
}
