package cn.pipelinetracker.platform.axon;

import cn.pipelinetracker.events.EventJson;
import cn.pipelinetracker.events.upcasting.ProgressReportedEvent1To2Upcaster;
import cn.pipelinetracker.platform.audit.EventChain;
import cn.pipelinetracker.platform.audit.SealingEventStorageEngine;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * Axon on PostgreSQL through its JDBC storage engine, with our snake_case tables (created by the
 * {@code event-store} migrations).
 * <p>
 * The ordering matters: Axon 4.13's own auto-configurations still name Spring Boot 3's DataSource classes, so on
 * Boot 4 its {@code JdbcAutoConfiguration} would be evaluated before any DataSource exists (no JDBC event store)
 * and its {@code TransactionAutoConfiguration} before any transaction manager (Axon silently without
 * transactions). Sitting after Boot's DataSource auto-configurations and before Axon's puts Axon's in the right
 * place; the tests assert the resulting beans.
 */
@AutoConfiguration(
        after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class},
        beforeName = {
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
                "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
                "org.axonframework.springboot.autoconfig.AxonAutoConfiguration"})
public class AxonJdbcAutoConfiguration {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final long EVENT_POLL_MILLIS = 100;
    /** Events read per query by processors and replays (Axon's default is 100). */
    private static final int READ_BATCH = 1000;

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_identifier")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /**
     * Axon's JDBC parts get the connection of the Spring transaction they run in, as it is. Axon's own default wraps it
     * so that a unit of work that rolls back also calls {@code rollback()} on the connection itself: inside a
     * transaction of ours that ends the whole physical transaction — savepoints included — instead of leaving the
     * decision to Spring (a refused command in a batch of groups would take the earlier groups with it).
     */
    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /**
     * Turns PostgreSQL's unique violation (SQLState 23505) on (aggregate, sequence number) into Axon's
     * {@code ConcurrencyException}: two commands raced on one project and one must lose cleanly. Axon's own
     * {@code JdbcSQLErrorCodesResolver} looks for {@code SQLIntegrityConstraintViolationException}, which the
     * PostgreSQL driver never throws, and would report a 500 instead.
     */
    @Bean
    PersistenceExceptionResolver postgresUniqueViolationResolver() {
        return exception -> {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * Axon's JDBC storage engine on our schema, sealing the tamper-evidence chain at every append; declared here
     * because declaring the event store (below) makes Axon's own auto-configuration back off from both.
     */
    @Bean
    SealingEventStorageEngine eventStorageEngine(Serializer defaultSerializer, EventChain chain,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          EventSchema eventSchema) {
        return new SealingEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .batchSize(READ_BATCH)
                .build(), chain, transactionManager);
    }

    /**
     * Axon's event store, as its auto-configuration would build it, but polling the database every 100 ms instead of
     * every second when idle: events appended by another process (or committed after Axon's unit of work, as our
     * commands are) reach the projections within a tenth of a second.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(EVENT_POLL_MILLIS)
                .build();
    }

    /**
     * Events, messages and tokens are stored in the JSON form the approved samples pin down. Axon's
     * {@code ReplayToken} (written for every new processor, and by every replay) holds polymorphic fields whose base
     * type is {@code Object}, which Jackson 3's default type validator refuses outright: the token could be written
     * but never read back, and the processor would stall. Axon's own types are allowed, nothing else.
     */
    @Bean
    Jackson3SerializerCustomizer eventJson() {
        return builder -> EventJson.configure(builder).polymorphicTypeValidator(
                BasicPolymorphicTypeValidator.builder()
                        .allowIfBaseType(Object.class)
                        .allowIfSubType("org.axonframework.")
                        .build());
    }

    /**
     * Older revisions of events, read as the current ones by every reader of the log (Axon puts upcaster beans in the
     * chain the storage engine above reads through). docs/decisions/0004-event-versioning.md.
     */
    @Bean
    EventUpcaster progressReportedEvent1To2Upcaster() {
        return new ProgressReportedEvent1To2Upcaster();
    }

    /** Copies actor, correlation id and idempotency key from each command onto the events it causes. */
    @Bean
    CorrelationDataProvider requestMetaDataProvider() {
        return new SimpleCorrelationDataProvider(MetaDataKeys.ALL.toArray(String[]::new));
    }
}
