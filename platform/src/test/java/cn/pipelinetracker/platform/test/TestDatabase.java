package cn.pipelinetracker.platform.test;

import cn.pipelinetracker.platform.database.SchemaMigration;
import cn.pipelinetracker.platform.database.SchemaMigrator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests that do without Spring: one embedded server per test JVM, and a fresh database with
 * the named schemas migrated for each call.
 */
public final class TestDatabase {

    private static EmbeddedPostgres server;
    private static final AtomicInteger ORDER = new AtomicInteger();

    private TestDatabase() {
    }

    /** A new, empty database with the given modules' migrations applied, e.g. {@code "event-store", "query-side"}. */
    public static synchronized DataSource withSchemas(String... schemas) {
        String name = "test_" + UUID.randomUUID().toString().replace("-", "");
        try (var connection = server().getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        DataSource dataSource = server().getDatabase("postgres", name);
        List<SchemaMigration> migrations = Arrays.stream(schemas)
                .map(schema -> new SchemaMigration(schema, ORDER.incrementAndGet()))
                .toList();
        new SchemaMigrator(dataSource, migrations).afterPropertiesSet();
        return dataSource;
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return server;
    }
}
