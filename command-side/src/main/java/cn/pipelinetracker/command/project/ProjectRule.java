package cn.pipelinetracker.command.project;

/**
 * The named rules of a project's life. Each has its own aggregate test; a broken rule is a
 * {@link ProjectRuleViolation} whose {@link Kind} decides the HTTP status.
 */
public enum ProjectRule {
    /** Milestone dates, registration date and progress dates cannot lie after today (bureau's calendar). */
    NO_FUTURE_DATES(Kind.INVALID_INPUT),
    /** The version given with If-Match must be the project's current version. */
    EXPECTED_VERSION_MUST_MATCH(Kind.STALE_VERSION),
    /** A cancelled or voided project accepts no command at all. */
    NOTHING_AFTER_CANCEL_OR_VOID(Kind.CONFLICT),
    /** No milestone is reached while the project is suspended. */
    NOTHING_ADVANCES_WHILE_SUSPENDED(Kind.CONFLICT),
    /** Each milestone is reached once. */
    MILESTONE_REACHED_ONCE(Kind.CONFLICT),
    /** Signed, then construction started, then completed; production needs construction started. */
    STAGES_IN_ORDER(Kind.CONFLICT),
    /** registeredOn ≤ signedOn ≤ constructionStartedOn ≤ constructionCompletedOn, constructionStartedOn ≤ productionStartedOn. */
    DATES_IN_ORDER(Kind.CONFLICT),
    /** Progress can only be reported as of a date on or after registration. */
    PROGRESS_NOT_BEFORE_REGISTRATION(Kind.CONFLICT),
    /** Only an active project can be suspended. */
    SUSPEND_ONLY_WHEN_ACTIVE(Kind.CONFLICT),
    /** Only a suspended project can be resumed. */
    RESUME_ONLY_WHEN_SUSPENDED(Kind.CONFLICT),
    /** Only a milestone the project has reached can be corrected. */
    CORRECT_ONLY_REACHED_MILESTONES(Kind.CONFLICT),
    /** A correction of registered details changes at least one of them. */
    CORRECTION_CHANGES_SOMETHING(Kind.INVALID_INPUT);

    /** How a broken rule is answered. */
    public enum Kind {
        /** The request itself is wrong (400). */
        INVALID_INPUT,
        /** The project's current state does not allow it (409). */
        CONFLICT,
        /** The caller acted on an outdated version (412). */
        STALE_VERSION
    }

    private final Kind kind;

    ProjectRule(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
