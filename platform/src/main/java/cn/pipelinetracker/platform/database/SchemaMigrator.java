package cn.pipelinetracker.platform.database;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.Comparator;
import java.util.List;

/**
 * Applies every {@link SchemaMigration} of this process, in order, while the application context starts (before
 * any event processor or web request can touch a table). Flyway's lock makes concurrent starts of several
 * processes on one database safe.
 */
public class SchemaMigrator implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);

    private final DataSource dataSource;
    private final List<SchemaMigration> migrations;
    private final Duration wait;

    public SchemaMigrator(DataSource dataSource, List<SchemaMigration> migrations) {
        this(dataSource, migrations, Duration.ofSeconds(60));
    }

    public SchemaMigrator(DataSource dataSource, List<SchemaMigration> migrations, Duration wait) {
        this.dataSource = dataSource;
        this.wait = wait;
        this.migrations = migrations.stream().sorted(Comparator.comparingInt(SchemaMigration::order)).toList();
    }

    @Override
    public void afterPropertiesSet() {
        awaitDatabase();
        for (SchemaMigration migration : migrations) {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(migration.location())
                    .table(migration.historyTable())
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            log.info("Schema '{}' at version {} ({} migrations applied now)",
                    migration.name(), result.targetSchemaVersion, result.migrationsExecuted);
        }
    }

    /** Waits for the database to answer (it may still be starting), saying so, for at most {@code wait}. */
    private void awaitDatabase() {
        long deadline = System.nanoTime() + wait.toNanos();
        long nextReport = 0;
        while (true) {
            try (Connection connection = dataSource.getConnection()) {
                if (connection.isValid(5)) {
                    return;
                }
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new DatabaseUnavailableException("The database did not answer within " + wait.toSeconds()
                            + " s: " + e.getMessage(), e);
                }
                if (System.nanoTime() > nextReport) {
                    log.warn("Waiting for the database ({}); retrying until {} s have passed", e.getMessage(),
                            wait.toSeconds());
                    nextReport = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                }
            }
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }
    }
}
