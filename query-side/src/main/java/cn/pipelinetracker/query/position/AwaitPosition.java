package cn.pipelinetracker.query.position;

import cn.pipelinetracker.platform.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The contract's {@code awaitPosition=N}: before answering, wait (at most 5 s) until the projections have processed
 * every event up to position N. Read-your-writes for scripts: a command answers with its position, a query given
 * that position sees the command's effect.
 */
@Component
public class AwaitPosition {

    private static final Logger log = LoggerFactory.getLogger(AwaitPosition.class);
    static final Duration LIMIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(20);

    private final ProjectionPositions positions;

    public AwaitPosition(ProjectionPositions positions) {
        this.positions = positions;
    }

    /** Returns once position N is processed; a null position returns at once. */
    public void await(Long position) {
        if (position == null) {
            return;
        }
        if (position < 0) {
            throw ProblemException.invalidField("awaitPosition", "must be a position ≥ 0");
        }
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!positions.hasProcessed(position)) {
            if (System.nanoTime() > deadline) {
                log.warn("awaitPosition={} not reached within {} s: {}", position, LIMIT.toSeconds(),
                        positions.describeLag(position));
                throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "position-not-reached",
                        "Position not reached", "The projections had not processed position " + position
                        + " within " + LIMIT.toSeconds() + " s; retry later (is the position one a command returned?)");
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }
}
