package cn.pipelinetracker.query.position;

import cn.pipelinetracker.platform.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * The contract's {@code awaitPosition=N}: before answering, wait (at most 5 s) until the projections have processed
 * every event up to position N. Read-your-writes for scripts: a command answers with its position, a query given
 * that position sees the command's effect.
 * <p>
 * Waiting holds a request thread, so at most {@code pipeline.await-position.max-waiting} requests wait at once; one
 * more is a 503 at once, and the other request threads stay free for everyone else. A position beyond the head of the
 * log cannot be one a command has answered with (commands answer after their commit): a 503 at once too. Callers
 * check regions and roles before they wait.
 */
@Component
public class AwaitPosition {

    private static final Logger log = LoggerFactory.getLogger(AwaitPosition.class);
    static final Duration LIMIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(20);

    private final ProjectionPositions positions;
    private final Semaphore waiting;

    public AwaitPosition(ProjectionPositions positions,
                         @Value("${pipeline.await-position.max-waiting:32}") int maxWaiting) {
        this.positions = positions;
        this.waiting = new Semaphore(maxWaiting);
    }

    /** Returns once position N is processed; a null position returns at once. */
    public void await(Long position) {
        if (position == null) {
            return;
        }
        if (position < 0) {
            throw ProblemException.invalidField("awaitPosition", "must be a position ≥ 0");
        }
        if (positions.hasProcessed(position)) {
            return;
        }
        if (position > positions.head()) {
            throw notReached(position, "no event has been stored at that position yet");
        }
        if (!waiting.tryAcquire()) {
            throw notReached(position, "too many requests are waiting for the projections right now");
        }
        try {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (!positions.hasProcessed(position)) {
                if (System.nanoTime() > deadline) {
                    log.warn("awaitPosition={} not reached within {} s: {}", position, LIMIT.toSeconds(),
                            positions.describeLag(position));
                    throw notReached(position, "not within " + LIMIT.toSeconds() + " s");
                }
                LockSupport.parkNanos(POLL.toNanos());
            }
        } finally {
            waiting.release();
        }
    }

    private static ProblemException notReached(long position, String why) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "position-not-reached", "Position not reached",
                "The projections had not processed position " + position + ": " + why
                + "; retry later (is the position one a command returned?)");
    }
}
