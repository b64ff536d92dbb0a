package cn.pipelinetracker.command.handling;

/** Where a command came from; recorded in its events' metadata and counted in the command metrics. */
public enum CommandSource {
    /** The JSON API (scripts). */
    HTTP,
    /** A page of the workbench. */
    PAGE,
    /** A row of an imported ledger. */
    IMPORT,
    /** The demo dataset. */
    DEMO,
    /** A console command of the all-in-one jar, run at the machine ({@code reset-admin-password}). */
    CONSOLE
}
