package cn.pipelinetracker.query.audit;

import cn.pipelinetracker.platform.audit.PublicChain;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Walks the global log in position order up to the newest of the given checkpoints, extending both running hashes
 * (over the scheme-1 and the scheme-2 event hashes), and shows each checkpoint what the log adds up to at its position.
 */
final class CheckpointWalk {

    record Checkpoint(long position, long events, String chainHash, String signature, String publicChainHash) {

        static final String COLUMNS = "position, events, chain_hash, signature, public_chain_hash";

        static List<Checkpoint> all(JdbcTemplate jdbc) {
            return jdbc.query("SELECT " + COLUMNS + " FROM audit_checkpoint ORDER BY position",
                    (rs, row) -> new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
        }
    }

    /**
     * What the log adds up to at a checkpoint: the number of events, the running scheme-1 hash, and the running
     * scheme-2 hash (null when an event up to there has no scheme-2 hash).
     */
    record Sum(long events, String chainHash, String publicChainHash) {

        boolean matchesScheme1(Checkpoint checkpoint) {
            return checkpoint.events() == events && checkpoint.chainHash().equals(chainHash);
        }
    }

    /** Sees each checkpoint with the log's sum at its position; false stops the walk. */
    interface Visitor {
        boolean visit(Checkpoint checkpoint, Sum sum);
    }

    private CheckpointWalk() {
    }

    static void walk(JdbcTemplate jdbc, List<Checkpoint> checkpoints, Visitor visitor) {
        if (checkpoints.isEmpty()) {
            return;
        }
        Deque<Checkpoint> ahead = new ArrayDeque<>(checkpoints);
        long[] events = {0};
        String[] running = {null};
        String[] publicRunning = {null};
        boolean[] publicComplete = {true};
        boolean[] stopped = {false};
        jdbc.query("""
                SELECT e.global_index, h.hash, h.public_hash
                FROM domain_event_entry e JOIN event_hash h ON h.global_index = e.global_index
                WHERE e.global_index <= ? ORDER BY e.global_index""", rs -> {
            long position = rs.getLong(1);
            while (!stopped[0] && !ahead.isEmpty() && ahead.peek().position() < position) {
                stopped[0] = !visitor.visit(ahead.poll(), new Sum(events[0], running[0],
                        publicComplete[0] ? publicRunning[0] : null));
            }
            if (stopped[0]) {
                return;
            }
            events[0]++;
            running[0] = PublicChain.extend(running[0], position, rs.getString(2));
            String publicHash = rs.getString(3);
            publicComplete[0] &= publicHash != null;
            if (publicComplete[0]) {
                publicRunning[0] = PublicChain.extend(publicRunning[0], position, publicHash);
            }
        }, checkpoints.get(checkpoints.size() - 1).position());
        while (!stopped[0] && !ahead.isEmpty()) {
            stopped[0] = !visitor.visit(ahead.poll(), new Sum(events[0], running[0],
                    publicComplete[0] ? publicRunning[0] : null));
        }
    }
}
