package cn.pipelinetracker.platform.database;

/** The database did not answer within the start-up wait. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
