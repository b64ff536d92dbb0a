package cn.pipelinetracker.command.handling;

import cn.pipelinetracker.platform.i18n.Phrase;

/**
 * A command refused; nothing of it was stored. {@code code} is a stable slug ({@code milestone-reached-once},
 * {@code duplicate-project-code}); {@code field} names the request field at fault, or is null when the project's
 * state is; {@code phrase} says why, in any language of the bundle. How a caller answers is its own business: the web
 * layer maps {@link Kind} to an HTTP status.
 */
public class CommandRefusal extends RuntimeException {

    /** What kind of refusal, for callers that must choose an answer by it. */
    public enum Kind {
        /** The command itself is wrong. */
        INVALID,
        /** The project (or the campaign) does not exist. */
        NOT_FOUND,
        /** The actor may not act there. */
        FORBIDDEN,
        /** The project's current state, or another project, does not allow it. */
        CONFLICT,
        /** The caller acted on an outdated version. */
        STALE_VERSION,
        /** The idempotency key was used for a different command. */
        KEY_REUSED
    }

    private final Kind kind;
    private final String code;
    private final String field;
    private final transient Phrase phrase;

    public CommandRefusal(Kind kind, String code, String field, Phrase phrase) {
        super(phrase.english());
        this.kind = kind;
        this.code = code;
        this.field = field;
        this.phrase = phrase;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public Phrase phrase() {
        return phrase;
    }

    public static CommandRefusal projectNotFound(String projectId) {
        return new CommandRefusal(Kind.NOT_FOUND, "project-not-found", null,
                Phrase.of("refusal.project-not-found", "No project with id " + projectId, projectId));
    }

    public static CommandRefusal campaignNotFound(String campaignId) {
        return new CommandRefusal(Kind.NOT_FOUND, "campaign-not-found", null,
                Phrase.of("refusal.campaign-not-found", "No campaign with id " + campaignId, campaignId));
    }
}
