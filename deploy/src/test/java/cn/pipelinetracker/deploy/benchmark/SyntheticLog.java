package cn.pipelinetracker.deploy.benchmark;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The harness's synthetic event log: {@code projects} projects of four events each (registered, signed, construction
 * started, progress reported) over seven regions, written straight into the event store with SQL in the exact form
 * the application stores, so that generating a million events does not dominate a run. Not sealed into the
 * tamper-evidence chain: parts that need it seal the log themselves.
 */
final class SyntheticLog {

    private SyntheticLog() {
    }

    static void write(JdbcClient jdbc, int projects) {
        jdbc.sql("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                    payload_type, payload_revision, payload, meta_data)
                SELECT gen_random_uuid()::text, p.id, e.seq, 'InvestmentProject',
                    to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                    'cn.pipelinetracker.events.' || e.type, '1', convert_to(e.payload, 'UTF8'),
                    convert_to('{"actor":"benchmark","correlationId":"' || p.id || '"}', 'UTF8')
                FROM (SELECT n, '00000000-0000-4000-8000-' || lpad(n::text, 12, '0') AS id,
                             (ARRAY['441202','441203','441204','440604','440605','440112','440600-FSHT-NH'])[1 + n % 7] AS region
                      FROM generate_series(1, ?) AS n) AS p
                CROSS JOIN LATERAL (VALUES
                    (0, 'ProjectRegisteredEvent', json_build_object('projectId', p.id, 'projectCode', null,
                        'name', '基准项目' || p.n, 'investor', '基准投资有限公司', 'regionCode', p.region,
                        'industry', 'NEW_ENERGY', 'sourceRegion', '北京', 'plannedInvestmentYuan', 1000000 + p.n,
                        'registeredOn', DATE '2022-01-01' + p.n % 700, 'landAreaMu', null, 'expectedJobs', null,
                        'tags', json_build_array())::text),
                    (1, 'ProjectSignedEvent', json_build_object('projectId', p.id,
                        'signedOn', DATE '2022-01-01' + p.n % 700 + 10, 'contractedInvestmentYuan', null)::text),
                    (2, 'ConstructionStartedEvent', json_build_object('projectId', p.id,
                        'startedOn', DATE '2022-01-01' + p.n % 700 + 40)::text),
                    (3, 'ProgressReportedEvent', json_build_object('projectId', p.id,
                        'asOf', DATE '2022-01-01' + p.n % 700 + 90, 'completedInvestmentYuan', 500000,
                        'constructionProgressPercent', 50)::text)) AS e (seq, type, payload)
                ORDER BY p.n, e.seq""").param(projects).update();
    }
}
