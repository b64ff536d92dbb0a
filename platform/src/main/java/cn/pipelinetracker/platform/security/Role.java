package cn.pipelinetracker.platform.security;

/** What a user may do; where, its region says. */
public enum Role {
    /** Issues commands for projects in its region subtree, and reads them. */
    CLERK,
    /** Reads projects, statistics and the dashboard of its region subtree. */
    LEADER,
    /** Reads everything, including history and the audit log; issues no commands. */
    AUDITOR,
    /** Does everything, including rebuilds. */
    ADMIN,
    /** Scrapes metrics: reads {@code /actuator/**} and nothing else (no business data beyond the metrics' totals). */
    MONITOR
}
