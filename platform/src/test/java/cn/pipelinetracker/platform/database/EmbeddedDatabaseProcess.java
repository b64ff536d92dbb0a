package cn.pipelinetracker.platform.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.CountDownLatch;

/**
 * A JVM of its own for {@link EmbeddedDatabaseTest}: starts the embedded database on the folder given as argument,
 * stores one row, writes {@code <postmaster pid> <watchdog pid>} to {@code ready} in that folder and waits to be
 * killed.
 */
public final class EmbeddedDatabaseProcess {

    private EmbeddedDatabaseProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        EmbeddedDatabase database = EmbeddedDatabase.start(dir);
        try (var connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER,
                database.password());
             var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE survivor (name text)");
            statement.execute("INSERT INTO survivor VALUES ('written before the crash')");
        }
        long postmaster = Postmaster.of(database.dataDirectory()).orElseThrow().pid();
        Path ready = dir.resolve("ready.new");
        Files.writeString(ready, postmaster + " " + database.watchdog().process().pid());
        Files.move(ready, dir.resolve("ready"));
        new CountDownLatch(1).await();
    }
}
