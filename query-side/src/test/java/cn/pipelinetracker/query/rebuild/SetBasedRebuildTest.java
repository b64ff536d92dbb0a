package cn.pipelinetracker.query.rebuild;

import cn.pipelinetracker.events.CampaignBucket;
import cn.pipelinetracker.events.CampaignCreatedEvent;
import cn.pipelinetracker.events.CampaignHeldEvent;
import cn.pipelinetracker.events.CampaignProjectEnrolledEvent;
import cn.pipelinetracker.events.CampaignProjectWithdrawnEvent;
import cn.pipelinetracker.events.ConstructionCompletedEvent;
import cn.pipelinetracker.events.ConstructionStartedEvent;
import cn.pipelinetracker.events.EventJson;
import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.MilestoneDateCorrectedEvent;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.PlannedInvestmentRevisedEvent;
import cn.pipelinetracker.events.ProductionScope;
import cn.pipelinetracker.events.ProductionStartedEvent;
import cn.pipelinetracker.events.ProgressReportedEvent;
import cn.pipelinetracker.events.ProjectCancelledEvent;
import cn.pipelinetracker.events.ProjectDetailsCorrectedEvent;
import cn.pipelinetracker.events.ProjectDetailsCorrectedEvent.Change;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectResumedEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.ProjectSuspendedEvent;
import cn.pipelinetracker.events.ProjectVoidedEvent;
import cn.pipelinetracker.events.RegionCode;
import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.query.position.ProjectionPositions;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The set-based rebuild folds each project's events outside the projections' handlers (decision 0009): over a rich
 * random history — every kind of project event, old revisions that need upcasting, text that COPY must escape,
 * campaigns, an event no projection can take, an event an administrator skipped — it must give exactly the tables the
 * handler replay gives, row for row, and for the projects the live processors took as a whole, their tables too.
 */
@PipelineIntegrationTest
class SetBasedRebuildTest {

    private static final String PREFIX = "f01d";
    private static final String[] REGIONS = {"441202", "441203", "440604", "440600-FSHT-NH", "440112"};
    private static final String[] INDUSTRIES = {"NEW_ENERGY", "ELECTRONICS", "BIOMEDICINE"};
    private static final String[] AWKWARD = {"普通名称", "tab\there", "line\nbreak", "back\\slash \\N", "quote's \"x\"",
            "percent 50%"};

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProjectionRebuilds rebuilds;
    @Autowired
    ProjectionPositions positions;

    @Autowired
    JdbcTemplate jdbcTemplate;

    private final Random random = new Random(19);
    private final List<Object[]> log = new ArrayList<>();
    private Instant clock = Instant.parse("2024-03-01T02:00:00.123456Z");

    @AfterEach
    void dropTheHandlersCopy() {
        jdbc.sql("DROP SCHEMA IF EXISTS by_handlers CASCADE").update();
    }

    @Test
    void theFoldsGiveTheHandlersTablesRowForRow() {
        List<String> projects = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = "%s0000-0000-4000-8000-%012d".formatted(PREFIX, i);
            projects.add(id);
            history(id);
        }
        campaigns(projects);
        String poisoned = "0bad0000-0000-4000-8000-000000000001";
        insert(poisoned, 0, registered(poisoned));
        insert(poisoned, 1, new ProjectSuspendedEvent(poisoned, "停\u0000工"));
        insert(poisoned, 2, new ProjectResumedEvent(poisoned, "复工"));
        String skippedProject = "0bad0000-0000-4000-8000-000000000002";
        insert(skippedProject, 0, registered(skippedProject));
        String skippedEvent = insert(skippedProject, 1, new ProjectSignedEvent(skippedProject, LocalDate.of(2024, 2, 1),
                Money.ofYuan("777.7")));
        insert(skippedProject, 2, new ConstructionStartedEvent(skippedProject, LocalDate.of(2024, 2, 20)));
        append();
        jdbc.sql("""
                INSERT INTO dead_letter_skip (dead_letter_identifier, processing_group, project_id, event_type,
                    event_identifier, skipped_by, reason)
                VALUES (?, 'milestone-facts', ?, 'ProjectSignedEvent', ?, 'test-admin', 'test')""")
                .params(UUID.randomUUID().toString(), skippedProject, skippedEvent).update();
        long head = positions.head();
        await().atMost(Duration.ofSeconds(60)).until(() -> positions.hasProcessed(head));

        rebuilds.replayByHandlers();
        jdbc.sql("ALTER SCHEMA rebuild RENAME TO by_handlers").update();
        jdbc.sql("CREATE SCHEMA rebuild").update();
        rebuilds.loadSetBased(null, new long[1], System.nanoTime());

        for (String table : ProjectionRebuilds.TABLES) {
            assertThat(differences("by_handlers." + table, "rebuild." + table, ""))
                    .as("%s: set-based against the handler replay", table).isEmpty();
        }
        for (String table : List.of("project_view", "project_history", "milestone_project", "milestone_fact",
                "publication_project_state")) {
            String ours = " WHERE project_id LIKE '" + PREFIX + "%'";
            assertThat(jdbc.sql("SELECT count(*) FROM rebuild." + table + ours).query(Long.class).single())
                    .as(table).isGreaterThan(0);
            assertThat(differences("public." + table, "rebuild." + table, ours))
                    .as("%s: set-based against the live processors", table).isEmpty();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM rebuild.milestone_fact WHERE project_id = ?")
                .param(skippedProject).query(Long.class).single()).as("the skipped signing left out").isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM rebuild.project_view WHERE project_id = ?")
                .param(poisoned).query(Long.class).single()).as("the poisoned project parked").isEqualTo(1);
        assertThat(jdbc.sql("SELECT status FROM rebuild.project_view WHERE project_id = ?")
                .param(poisoned).query(String.class).single()).isEqualTo("ACTIVE");
        assertThat(jdbc.sql("SELECT count(*) FROM rebuild.campaign_project").query(Long.class).single())
                .isGreaterThan(0);
        for (String table : ProjectionRebuilds.TABLES) {
            assertThat(keysAndIndexes("rebuild", table)).as("%s: keys and indexes of the set-based load", table)
                    .isNotEmpty().isEqualTo(keysAndIndexes("public", table));
        }
    }

    /**
     * A table's constraints and indexes as defined, apart from their names and schema (tables the folds do not fill are
     * copied with their indexes, whose names PostgreSQL chooses).
     */
    private List<String> keysAndIndexes(String schema, String table) {
        return jdbc.sql("""
                SELECT * FROM (
                    SELECT pg_get_constraintdef(k.oid) AS definition FROM pg_constraint k
                    WHERE k.conrelid = CAST(:table AS regclass) AND k.contype IN ('p', 'u', 'x', 'c')
                    UNION ALL
                    SELECT regexp_replace(pg_get_indexdef(i.indexrelid), '^CREATE (UNIQUE )?INDEX \\S+ ON \\S+', '\\1ON')
                           || CASE WHEN i.indisprimary THEN ' primary' ELSE '' END
                    FROM pg_index i WHERE i.indrelid = CAST(:table AS regclass)) d
                ORDER BY definition""")
                .param("table", schema + "." + table).query(String.class).list();
    }

    /** Rows in one table and not the other, either way (at most 10, for the message). */
    private List<String> differences(String expected, String actual, String where) {
        return jdbc.sql("""
                (SELECT 'missing: ' || CAST(e AS TEXT) FROM (SELECT * FROM %1$s%3$s EXCEPT ALL SELECT * FROM %2$s%3$s) e)
                UNION ALL
                (SELECT 'extra:   ' || CAST(a AS TEXT) FROM (SELECT * FROM %2$s%3$s EXCEPT ALL SELECT * FROM %1$s%3$s) a)
                LIMIT 10""".formatted(expected, actual, where)).query(String.class).list();
    }

    /**
     * A random life the aggregate would accept: registered, milestones in order and each once, any number of
     * revisions, progress reports (also of revision 1), suspensions, corrections of reached milestones and of
     * details, perhaps ended by a cancellation or a void.
     */
    private void history(String id) {
        long sequence = 0;
        insert(id, sequence++, registered(id));
        List<Milestone> reached = new ArrayList<>(List.of(Milestone.REGISTERED));
        int events = random.nextInt(15);
        for (int i = 0; i < events; i++) {
            Milestone next = switch (reached.get(reached.size() - 1)) {
                case REGISTERED -> Milestone.SIGNED;
                case SIGNED -> Milestone.CONSTRUCTION_STARTED;
                case CONSTRUCTION_STARTED -> random.nextBoolean() ? Milestone.CONSTRUCTION_COMPLETED
                        : Milestone.PRODUCTION_STARTED;
                case CONSTRUCTION_COMPLETED -> reached.contains(Milestone.PRODUCTION_STARTED) ? null
                        : Milestone.PRODUCTION_STARTED;
                case PRODUCTION_STARTED -> reached.contains(Milestone.CONSTRUCTION_COMPLETED) ? null
                        : Milestone.CONSTRUCTION_COMPLETED;
            };
            int kind = random.nextInt(12);
            if (kind < 4 && next != null) {
                reached.add(next);
                insert(id, sequence++, switch (next) {
                    case SIGNED -> new ProjectSignedEvent(id, date(), random.nextBoolean() ? null : money());
                    case CONSTRUCTION_STARTED -> new ConstructionStartedEvent(id, date());
                    case CONSTRUCTION_COMPLETED -> new ConstructionCompletedEvent(id, date());
                    default -> new ProductionStartedEvent(id, date(), random.nextBoolean() ? ProductionScope.FULL
                            : ProductionScope.PARTIAL);
                });
            } else if (kind == 4) {
                insert(id, sequence++, new PlannedInvestmentRevisedEvent(id, money(), awkward()));
            } else if (kind == 5) {
                insert(id, sequence++, new ProgressReportedEvent(id, date(), random.nextBoolean() ? money() : null,
                        random.nextBoolean() ? BigDecimal.valueOf(random.nextInt(10001), 2) : null,
                        random.nextBoolean() ? money() : null));
            } else if (kind == 6) {
                insertProgressOfRevision1(id, sequence++);
            } else if (kind == 7) {
                insert(id, sequence++, new ProjectSuspendedEvent(id, awkward()));
                insert(id, sequence++, new ProjectResumedEvent(id, awkward()));
            } else if (kind == 8) {
                insert(id, sequence++, new MilestoneDateCorrectedEvent(id,
                        reached.get(random.nextInt(reached.size())), date(), date(), awkward()));
            } else if (kind == 9) {
                insert(id, sequence++, new ProjectDetailsCorrectedEvent(id, change(awkward()), change(awkward()),
                        change(INDUSTRIES[random.nextInt(INDUSTRIES.length)]),
                        change(REGIONS[random.nextInt(REGIONS.length)]), change("CODE-" + random.nextInt(99)),
                        change(awkward()), awkward()));
            }
        }
        switch (random.nextInt(8)) {
            case 0 -> insert(id, sequence, new ProjectCancelledEvent(id, awkward()));
            case 1 -> insert(id, sequence, new ProjectVoidedEvent(id, awkward()));
            case 2 -> insert(id, sequence, new ProjectSuspendedEvent(id, awkward()));
            default -> {
            }
        }
    }

    private void campaigns(List<String> projects) {
        for (int c = 0; c < 5; c++) {
            String id = "%s0000-0000-4000-9000-%012d".formatted(PREFIX, c);
            long sequence = 0;
            insert(id, sequence++, new CampaignCreatedEvent(id, "活动 " + awkward(), RegionCode.of("441200"),
                    LocalDate.of(2024, 5, 1 + c)));
            for (int p = 0; p < 6; p++) {
                String project = projects.get(random.nextInt(projects.size()));
                CampaignBucket bucket = CampaignBucket.values()[random.nextInt(3)];
                insert(id, sequence++, new CampaignProjectEnrolledEvent(id, project, bucket));
                if (random.nextInt(3) == 0) {
                    insert(id, sequence++, new CampaignProjectWithdrawnEvent(id, project, bucket));
                }
            }
            if (c % 2 == 0) {
                insert(id, sequence, new CampaignHeldEvent(id, LocalDate.of(2024, 5, 2 + c), List.of(
                        new CampaignHeldEvent.Announced(CampaignBucket.SIGNING, 3, money()))));
            }
        }
    }

    private ProjectRegisteredEvent registered(String id) {
        return new ProjectRegisteredEvent(id, random.nextBoolean() ? null : "P-" + id.substring(24), awkward(),
                awkward(), RegionCode.of(REGIONS[random.nextInt(REGIONS.length)]),
                IndustryCode.of(INDUSTRIES[random.nextInt(INDUSTRIES.length)]),
                random.nextBoolean() ? null : awkward(), money(), date(),
                random.nextBoolean() ? null : new BigDecimal("12.5"), random.nextBoolean() ? null : 40,
                random.nextBoolean() ? List.of() : List.of("省重点", awkward()));
    }

    private Change change(String after) {
        return random.nextInt(3) == 0 ? new Change("before", after) : null;
    }

    private String awkward() {
        return AWKWARD[random.nextInt(AWKWARD.length)];
    }

    private LocalDate date() {
        return LocalDate.of(2022, 1, 1).plusDays(random.nextInt(900));
    }

    private Money money() {
        return Money.ofYuan(BigDecimal.valueOf(random.nextLong(1, 10_000_000_000L), random.nextInt(3)));
    }

    /** A progress report as stored before revision 2 (no funds): read through the upcaster. */
    private void insertProgressOfRevision1(String id, long sequence) {
        ObjectNode payload = EventJson.mapper().valueToTree(new ProgressReportedEvent(id, date(), money(),
                BigDecimal.TEN, null));
        payload.remove("fundsInPlaceYuan");
        store(id, sequence, ProgressReportedEvent.class.getName(), "1", EventJson.mapper().writeValueAsBytes(payload));
    }

    private String insert(String aggregateId, long sequence, Object payload) {
        return store(aggregateId, sequence, payload.getClass().getName(),
                payload.getClass().getAnnotation(Revision.class).value(), EventJson.mapper().writeValueAsBytes(payload));
    }

    /** Stores the events written so far, as Axon stores them, in one batch. */
    private void append() {
        jdbcTemplate.batchUpdate("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", log);
        log.clear();
    }

    /** An event row as Axon stores it, to be appended; returns its identifier. */
    private String store(String aggregateId, long sequence, String type, String revision, byte[] payload) {
        String eventId = UUID.randomUUID().toString();
        clock = clock.plus(random.nextInt(1, 100_000_000), ChronoUnit.MICROS);
        String actor = random.nextBoolean() ? "zq-clerk" : "导入 \\ \"tab\t\"";
        log.add(new Object[]{eventId, aggregateId, sequence, type.contains(".Campaign") ? "Campaign"
                : "InvestmentProject", clock.toString(), type, revision, payload,
                EventJson.mapper().writeValueAsBytes(java.util.Map.of("actor", actor))});
        return eventId;
    }
}
