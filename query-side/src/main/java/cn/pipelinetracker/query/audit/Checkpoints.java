package cn.pipelinetracker.query.audit;

import cn.pipelinetracker.platform.audit.EventChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes the signed checkpoints over the global log, every minute by default: the running hash and count of every
 * event (by its hash) up to a position. Only events recorded a while ago are covered, so that a transaction still
 * committing at a lower position cannot slip in behind a checkpoint. Several query-side processes may write the
 * same checkpoint; the first one wins and the others' are identical.
 */
@Component
public class Checkpoints {

    /** How long after its recorded time an event is certain to be committed, or never to be. */
    static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventChain chain;
    private final Clock clock;

    public Checkpoints(DataSource dataSource, TransactionTemplate transaction, EventChain chain, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
        this.transaction = transaction;
        this.chain = chain;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${pipeline.audit.checkpoint-interval:PT1M}",
            fixedDelayString = "${pipeline.audit.checkpoint-interval:PT1M}")
    void scheduled() {
        write(clock.instant().minus(SETTLE));
    }

    /** Writes a checkpoint covering the events recorded before {@code settledBefore}; returns its position, if any. */
    public Long write(Instant settledBefore) {
        return transaction.execute(status -> {
            var last = jdbc.query("SELECT position, events, chain_hash FROM audit_checkpoint "
                            + "ORDER BY position DESC LIMIT 1",
                    (rs, row) -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getString(3)});
            long from = last.isEmpty() ? 0 : (long) last.get(0)[0];
            long[] events = {last.isEmpty() ? 0 : (long) last.get(0)[1]};
            String[] running = {last.isEmpty() ? null : (String) last.get(0)[2]};
            long[] position = {-1};
            boolean[] settled = {true};
            jdbc.query("""
                    SELECT e.global_index, e.time_stamp, h.hash
                    FROM domain_event_entry e JOIN event_hash h ON h.global_index = e.global_index
                    WHERE e.global_index > ? ORDER BY e.global_index""", rs -> {
                if (settled[0] && Instant.parse(rs.getString(2)).isBefore(settledBefore)) {
                    position[0] = rs.getLong(1);
                    events[0]++;
                    running[0] = EventChain.extend(running[0], position[0], rs.getString(3));
                } else {
                    settled[0] = false;
                }
            }, from);
            if (position[0] < 0) {
                return null;
            }
            jdbc.update("""
                            INSERT INTO audit_checkpoint (position, events, chain_hash, signature)
                            VALUES (?, ?, ?, ?) ON CONFLICT (position) DO NOTHING""",
                    position[0], events[0], running[0], chain.sign(position[0], events[0], running[0]));
            // Also kept outside the database: the log is a second witness if checkpoints are deleted there.
            log.info("Audit checkpoint at position {} over {} events: chain {}", position[0], events[0], running[0]);
            return position[0];
        });
    }
}
