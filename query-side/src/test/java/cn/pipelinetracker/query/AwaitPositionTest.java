package cn.pipelinetracker.query;

import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.RegionCode;
import cn.pipelinetracker.platform.axon.MetaDataKeys;
import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code awaitPosition}: events appended to the store are visible to a query that waits for their position. */
@PipelineIntegrationTest
class AwaitPositionTest {

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;

    TestHttp http;

    @BeforeEach
    void client() {
        http = TestHttp.onPort(port);
    }

    private long append(String projectId, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>("InvestmentProject", projectId, sequence, payload,
                MetaData.with(MetaDataKeys.ACTOR, "test-clerk")));
        return jdbc.sql("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = ?").params(projectId, sequence).query(Long.class).single();
    }

    private static ProjectRegisteredEvent registered(String id) {
        return new ProjectRegisteredEvent(id, null, "测试项目", "测试投资方", RegionCode.of("441202"),
                IndustryCode.of("NEW_ENERGY"), null, Money.ofYuan("100"), LocalDate.of(2024, 1, 2), null, null, null);
    }

    @Test
    void aQueryGivenTheLastPositionSeesEveryEventUpToIt() {
        // several projects, so that the events fall into different segments of the processors
        List<String> ids = IntStream.range(0, 12).mapToObj(i -> UUID.randomUUID().toString()).toList();
        long last = 0;
        for (String id : ids) {
            last = append(id, 0, registered(id));
        }
        String signed = ids.get(0);
        last = append(signed, 1, new ProjectSignedEvent(signed, LocalDate.of(2024, 2, 1), null));

        var detail = http.get("/api/v1/projects/" + signed + "?awaitPosition=" + last);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.json().get("stage").asString()).isEqualTo("SIGNED");
        assertThat(detail.header("ETag")).contains("\"2\"");
        for (String id : ids) {
            assertThat(http.get("/api/v1/projects/" + id + "?awaitPosition=" + last).status()).isEqualTo(200);
        }
        var history = http.get("/api/v1/projects/" + signed + "/history?awaitPosition=" + last);
        assertThat(history.json().get(1).get("actor").asString()).isEqualTo("test-clerk");
        assertThat(history.json().get(1).get("position").asLong()).isEqualTo(last);
    }

    @Test
    void gapsLeftByRolledBackAppendsDoNotHoldQueriesBack() {
        String rolledBack = UUID.randomUUID().toString();
        transaction.executeWithoutResult(status -> {
            eventStore.publish(new GenericDomainEventMessage<>("InvestmentProject", rolledBack, 0,
                    registered(rolledBack), MetaData.with(MetaDataKeys.ACTOR, "test-clerk")));
            status.setRollbackOnly();
        });
        String id = UUID.randomUUID().toString();
        long position = append(id, 0, registered(id));

        assertThat(http.get("/api/v1/projects/" + id + "?awaitPosition=" + position).status()).isEqualTo(200);
        String later = UUID.randomUUID().toString();
        long next = append(later, 0, registered(later));
        assertThat(http.get("/api/v1/projects/" + later + "?awaitPosition=" + next).status()).isEqualTo(200);
        // nor do they count as lag: the gap never fills, and the projections have handled everything there is
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode projections = http.get("/api/v1/admin/projections").json().get("projections");
            assertThat(projections).isNotEmpty().allSatisfy(projection ->
                    assertThat(projection.get("lag").asLong()).as(projection.toString()).isZero());
        });
    }

    @Test
    void aPositionNotReachedWithinFiveSecondsIsAClearError() {
        var response = http.get("/api/v1/projects?awaitPosition=999999999");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(response.json().get("detail").asString()).contains("999999999");
    }

    @Test
    void positionZeroIsBeforeEverythingAndAnsweredAtOnce() {
        // positions start at 1: a script that has issued no command yet may pass 0, even on an empty log
        assertThat(http.get("/api/v1/projects?awaitPosition=0").status()).isEqualTo(200);
    }

    @Test
    void aNegativePositionIsABadRequest() {
        assertThat(http.get("/api/v1/projects?awaitPosition=-1").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/projects?awaitPosition=abc").status()).isEqualTo(400);
    }
}
