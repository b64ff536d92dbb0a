package cn.pipelinetracker.platform.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up without a database ends with a plain explanation instead of a stack trace. */
public class DatabaseUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnavailableException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Check that PostgreSQL runs and that spring.datasource.url, .username and .password are right; "
                        + "pipeline.database-wait sets how long a start waits for it (PT60S by default).",
                cause);
    }
}
