package cn.pipelinetracker.command;

import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import cn.pipelinetracker.platform.audit.SealingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the traps of Axon 4.13 on Spring Boot 4 and of zonky's PostgreSQL are handled: each of these silently
 * breaks correctness when it goes wrong, and nothing else would fail.
 */
@PipelineIntegrationTest
class InfrastructureWiringTest {

    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionManager axonTransactionManager;
    @Autowired
    CommandBus commandBus;
    @Autowired
    Serializer serializer;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Environment environment;

    @Test
    void eventsAreStoredByAxonsJdbcEngineInPostgresql() {
        assertThat(storageEngine).isInstanceOf(SealingEventStorageEngine.class);
        assertThat(((SealingEventStorageEngine) storageEngine).storage()).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL 17");
        assertThat(ClassUtils.isPresent("jakarta.persistence.EntityManager", null))
                .as("no JPA on the classpath: it would swap in Axon's JPA stores").isFalse();
    }

    @Test
    void tokensAreStoredByAxonsJdbcTokenStore() {
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
    }

    @Test
    void axonRunsInSpringTransactions() {
        assertThat(axonTransactionManager).isInstanceOf(SpringTransactionManager.class);
    }

    @Test
    void commandsRunLocallyWithoutAxonServer() {
        assertThat(commandBus).isInstanceOf(SimpleCommandBus.class);
        assertThat(ClassUtils.isPresent("org.axonframework.axonserver.connector.AxonServerConfiguration", null))
                .isFalse();
    }

    @Test
    void eventsAndMessagesAreSerializedWithJackson3() {
        assertThat(serializer).isInstanceOf(Jackson3Serializer.class);
        assertThat(eventSerializer).isInstanceOf(Jackson3Serializer.class);
    }

    @Test
    void replayTokensRoundTripThroughTheSerializer() {
        // every new processor and every replay stores a ReplayToken; Jackson 3 refuses its Object-typed fields unless
        // Axon's types are allowed, and the processor would stall on reading its own token
        TrackingToken token = ReplayToken.createReplayToken(
                GapAwareTrackingToken.newInstance(42, java.util.List.of(40L)), null);
        SerializedObject<byte[]> serialized = serializer.serialize(token, byte[].class);
        assertThat((TrackingToken) serializer.deserialize(serialized)).isEqualTo(token);
    }

    @Test
    void embeddedPostgresqlMakesCommitsDurable() {
        assertThat(jdbc.sql("SHOW fsync").query(String.class).single()).isEqualTo("on");
        assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single()).isEqualTo("on");
        assertThat(jdbc.sql("SHOW full_page_writes").query(String.class).single()).isEqualTo("on");
    }

    @Test
    void noCallsToTheOutsideWorldAndNoJvmKeptAlive() {
        assertThat(environment.getProperty("axon.update-check.disabled", Boolean.class)).isTrue();
        assertThat(environment.getProperty("axon.timeout.enabled", Boolean.class)).isFalse();
    }
}
