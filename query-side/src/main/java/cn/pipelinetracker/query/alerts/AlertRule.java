package cn.pipelinetracker.query.alerts;

/** What an alert is about (contract: {@code rule}). */
public enum AlertRule {
    /** Signed, construction not started. */
    NOT_STARTED,
    /** Under construction, no progress report for the last full month(s). */
    NO_PROGRESS_REPORT,
    /** Suspended for long. */
    SUSPENDED_LONG
}
