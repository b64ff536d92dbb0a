package cn.pipelinetracker.platform.database;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
        // processes starting at once on a new database would each try to create the same history tables (Flyway's
        // own lock only exists once its table does): one migrates while the others wait, then find nothing to do
        try (Connection lock = dataSource.getConnection();
             PreparedStatement take = lock.prepareStatement("SELECT pg_advisory_lock(?)")) {
            take.setLong(1, MIGRATION_LOCK);
            take.execute();
            try {
                migrate();
            } finally {
                try (PreparedStatement release = lock.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    release.setLong(1, MIGRATION_LOCK);
                    release.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the schema migration lock: " + e.getMessage(), e);
        }
    }

    private void migrate() {
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

    private static final long MIGRATION_LOCK = 0x5049_5045_4d49_4752L; // "PIPEMIGR"

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
