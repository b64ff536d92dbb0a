package cn.pipelinetracker.platform.axon;

import java.util.List;

/** The metadata every stored event carries, copied from the command that caused it. */
public final class MetaDataKeys {

    /** Who issued the command: the authenticated user, {@code anonymous} until security exists. */
    public static final String ACTOR = "actor";
    /** Ties together everything one request caused; from the {@code X-Correlation-Id} header or generated. */
    public static final String CORRELATION_ID = "correlationId";
    /** The request's {@code Idempotency-Key} header, when it had one. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";

    /** Where the command came from: HTTP, PAGE, IMPORT or DEMO. */
    public static final String SOURCE = "source";

    public static final List<String> ALL = List.of(ACTOR, CORRELATION_ID, IDEMPOTENCY_KEY, SOURCE);

    private MetaDataKeys() {
    }
}
