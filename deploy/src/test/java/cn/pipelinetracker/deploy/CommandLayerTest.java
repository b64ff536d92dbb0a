package cn.pipelinetracker.deploy;

import cn.pipelinetracker.command.handling.CommandEnvelope;
import cn.pipelinetracker.command.handling.CommandOutcome;
import cn.pipelinetracker.command.handling.CommandRefusal;
import cn.pipelinetracker.command.handling.CommandSource;
import cn.pipelinetracker.command.handling.Commands;
import cn.pipelinetracker.command.project.RegisterProjectCommand;
import cn.pipelinetracker.command.project.SignProjectCommand;
import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.RegionCode;
import cn.pipelinetracker.platform.axon.MetaDataKeys;
import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The command layer below HTTP: every append is sealed into the tamper-evidence chain whichever way it came in, and
 * the batch forms are all or nothing per group.
 */
@PipelineIntegrationTest
class CommandLayerTest {

    private static final CommandEnvelope.Actor IMPORTER = new CommandEnvelope.Actor("zq-clerk", "441200");

    @LocalServerPort
    int port;
    @Autowired
    Commands commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;

    private static RegisterProjectCommand registration(String projectId, String code, LocalDate on) {
        return new RegisterProjectCommand(projectId, code, "台账项目", "投资方", RegionCode.of("441202"),
                IndustryCode.of("NEW_ENERGY"), null, Money.ofYuan("1000000"), on, null, null, List.of());
    }

    private static String newProjectCode() {
        return "2401-441202-04-01-" + (100000 + (int) (Math.random() * 899999));
    }

    private static CommandEnvelope row(Object command) {
        return new CommandEnvelope(command, IMPORTER, "import-1", null, null, CommandSource.IMPORT);
    }

    private long eventsOf(String projectId) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?").param(projectId)
                .query(Long.class).single();
    }

    private JsonNode verify() {
        return TestHttp.onPort(port).get("/api/v1/audit/verify").json();
    }

    @Test
    void anEventAppendedThroughTheEventStoreDirectlyIsSealedToo() {
        String projectId = UUID.randomUUID().toString();
        transaction.executeWithoutResult(status -> eventStore.publish(new GenericDomainEventMessage<>(
                "InvestmentProject", projectId, 0, new ProjectRegisteredEvent(projectId, null, "直接追加的项目", "投资方",
                RegionCode.of("441202"), IndustryCode.of("NEW_ENERGY"), null, Money.ofYuan("100"),
                LocalDate.of(2024, 1, 2), null, null, List.of()), MetaData.with(MetaDataKeys.ACTOR, "test"))));

        assertThat(jdbc.sql("SELECT count(*) FROM event_hash WHERE aggregate_identifier = ?").param(projectId)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(verify().get("valid").asBoolean()).as(verify().toString()).isTrue();
    }

    @Test
    void eachGroupOfABatchIsAppliedWholeOrNotAtAllAndTheOthersGoOn() {
        String applied = UUID.randomUUID().toString();
        String outOfOrder = UUID.randomUUID().toString();
        String duplicate = UUID.randomUUID().toString();
        String code = newProjectCode();
        LocalDate registered = LocalDate.of(2024, 3, 1);

        List<Commands.GroupResult> results = commands.handleGroups(List.of(
                List.of(row(registration(applied, code, registered)),
                        row(new SignProjectCommand(applied, null, LocalDate.of(2024, 3, 5), null))),
                List.of(row(registration(outOfOrder, null, registered)),
                        row(new SignProjectCommand(outOfOrder, null, LocalDate.of(2024, 2, 1), null))),
                List.of(row(registration(duplicate, code, registered)))));

        assertThat(results.get(0).applied()).isTrue();
        assertThat(results.get(0).outcomes()).extracting(CommandOutcome::version).containsExactly(1L, 2L);
        assertThat(results.get(1).applied()).isFalse();
        assertThat(results.get(1).refusedAt()).isEqualTo(1);
        assertThat(results.get(1).refusal().code()).isEqualTo("dates-in-order");
        assertThat(results.get(2).refusedAt()).isZero();
        assertThat(results.get(2).refusal().code()).isEqualTo("duplicate-project-code");

        assertThat(eventsOf(applied)).isEqualTo(2);
        assertThat(eventsOf(outOfOrder)).as("the refused group's registration is rolled back with it").isZero();
        assertThat(eventsOf(duplicate)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM project_region WHERE project_id IN (?, ?)")
                .params(outOfOrder, duplicate).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT metadata_source FROM (SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'source'"
                + " AS metadata_source FROM domain_event_entry WHERE aggregate_identifier = ?) m").param(applied)
                .query(String.class).list()).containsOnly("IMPORT");
        assertThat(verify().get("valid").asBoolean()).isTrue();
    }

    @Test
    void aRefusedGroupInsideTheCallersTransactionLeavesTheOtherGroupsAndTheCallersWritesApplied() {
        String code = newProjectCode();
        String refusedCode = newProjectCode();
        String first = UUID.randomUUID().toString();
        String refused = UUID.randomUUID().toString();
        String last = UUID.randomUUID().toString();
        LocalDate registered = LocalDate.of(2024, 3, 1);

        // as the ledger import calls it: the batch inside a transaction of the caller's, which writes too
        List<Commands.GroupResult> results = transaction.execute(status -> {
            jdbc.sql("CREATE TEMPORARY TABLE IF NOT EXISTS caller_wrote (n INT) ON COMMIT DELETE ROWS").update();
            jdbc.sql("INSERT INTO caller_wrote VALUES (1)").update();
            List<Commands.GroupResult> answered = commands.handleGroups(List.of(
                    List.of(row(registration(first, code, registered))),
                    // claims its code, then is refused: the claim must go with it
                    List.of(row(registration(refused, refusedCode, registered)),
                            row(new SignProjectCommand(refused, null, LocalDate.of(2024, 2, 1), null))),
                    List.of(row(registration(last, null, registered)),
                            row(new SignProjectCommand(last, null, LocalDate.of(2024, 3, 5), null)))));
            assertThat(jdbc.sql("SELECT count(*) FROM caller_wrote").query(Long.class).single())
                    .as("the caller's own write survives the batch's second pass").isEqualTo(1);
            return answered;
        });

        assertThat(results).extracting(Commands.GroupResult::applied).containsExactly(true, false, true);
        assertThat(results.get(1).refusal().code()).isEqualTo("dates-in-order");
        assertThat(eventsOf(first)).isEqualTo(1);
        assertThat(eventsOf(refused)).isZero();
        assertThat(eventsOf(last)).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM project_code WHERE project_code = ?").param(refusedCode)
                .query(Long.class).single()).as("the refused group's code claim is rolled back").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM project_code WHERE project_code = ?").param(code)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(verify().get("valid").asBoolean()).isTrue();
    }

    @Test
    void aBatchThatRacesAnotherWriterIsRedoneAndOnlyTheConflictingGroupIsRefused() throws Exception {
        String raced = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        commands.handle(row(registration(raced, null, LocalDate.of(2024, 3, 1))));
        CountDownLatch signedUncommitted = new CountDownLatch(1);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            // another writer signs the project and commits only once the batch waits for it on appending
            Future<?> otherWriter = writer.submit(() -> transaction.executeWithoutResult(status -> {
                commands.handle(row(new SignProjectCommand(raced, null, LocalDate.of(2024, 3, 2), null)));
                signedUncommitted.countDown();
                await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO domain_event_entry%'""")
                        .query(Long.class).single() > 0);
            }));
            signedUncommitted.await();

            List<Commands.GroupResult> results = commands.handleGroups(List.of(
                    List.of(row(registration(other, null, LocalDate.of(2024, 3, 1)))),
                    List.of(row(new SignProjectCommand(raced, null, LocalDate.of(2024, 3, 9), null)))));
            otherWriter.get();

            assertThat(results.get(0).applied()).isTrue();
            assertThat(results.get(1).applied()).isFalse();
            assertThat(results.get(1).refusal().code()).isEqualTo("milestone-reached-once");
        } finally {
            writer.shutdownNow();
        }
        assertThat(eventsOf(other)).isEqualTo(1);
        assertThat(eventsOf(raced)).as("registered, and signed once: by the other writer").isEqualTo(2);
        assertThat(verify().get("valid").asBoolean()).isTrue();
    }

    @Test
    void oneGroupIsAllOrNothing() {
        String projectId = UUID.randomUUID().toString();
        assertThatThrownBy(() -> commands.handleGroup(List.of(
                row(registration(projectId, null, LocalDate.of(2024, 3, 1))),
                row(new SignProjectCommand(projectId, null, LocalDate.of(2024, 3, 2), null)),
                row(new SignProjectCommand(projectId, null, LocalDate.of(2024, 3, 3), null)))))
                .isInstanceOfSatisfying(CommandRefusal.class, refusal ->
                        assertThat(refusal.code()).isEqualTo("milestone-reached-once"));
        assertThat(eventsOf(projectId)).isZero();
    }

    @Test
    void anActorOutsideTheRegionIsRefusedBelowHttpToo() {
        String projectId = UUID.randomUUID().toString();
        var foshan = new CommandEnvelope(registration(projectId, null, LocalDate.of(2024, 3, 1)),
                new CommandEnvelope.Actor("fs-clerk", "440600"), "c", null, null, CommandSource.PAGE);
        assertThatThrownBy(() -> commands.handle(foshan)).isInstanceOfSatisfying(CommandRefusal.class,
                refusal -> assertThat(refusal.kind()).isEqualTo(CommandRefusal.Kind.FORBIDDEN));
        assertThat(eventsOf(projectId)).isZero();
    }
}
