package cn.pipelinetracker.platform.database;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The PostgreSQL of a data folder, for the all-in-one jar's console commands ({@code backup}, {@code restore}): the
 * one the running system serves (found through {@code postmaster.pid} and reached with the folder's password), or,
 * when nothing runs there, one started for the occasion and stopped again by {@link #close()}.
 */
public final class DataFolderDatabase implements AutoCloseable {

    private final DataSource dataSource;
    private final EmbeddedDatabase started;

    private DataFolderDatabase(DataSource dataSource, EmbeddedDatabase started) {
        this.dataSource = dataSource;
        this.started = started;
    }

    /** Connects to the folder's running PostgreSQL, or starts one on it (creating the folder if it is new). */
    public static DataFolderDatabase open(Path dir) throws IOException {
        Path dataDirectory = dir.toAbsolutePath().normalize().resolve("postgres");
        var running = Postmaster.of(dataDirectory);
        if (running.isPresent()) {
            List<String> pid = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            int port = Integer.parseInt(pid.get(3).strip());
            String password = Files.readString(dataDirectory.resolveSibling(EmbeddedDatabase.PASSWORD_FILE),
                    StandardCharsets.UTF_8).strip();
            return new DataFolderDatabase(dataSource("jdbc:postgresql://localhost:" + port + "/postgres", password),
                    null);
        }
        EmbeddedDatabase database = EmbeddedDatabase.start(dir);
        return new DataFolderDatabase(dataSource(database.jdbcUrl(), database.password()), database);
    }

    /**
     * Whether a process uses the folder now: a PostgreSQL serves it, started by a process still alive (the system, or
     * a console command). A server left behind by a process that died does not count: the next start stops it.
     */
    public static boolean inUse(Path dir) {
        Path dataDirectory = dir.toAbsolutePath().normalize().resolve("postgres");
        return Postmaster.of(dataDirectory).isPresent() && Postmaster.hasLivingOwner(dataDirectory);
    }

    /** The server named by a JDBC URL (a system that does not keep its data in a folder of its own). */
    public static DataFolderDatabase at(String url, String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return new DataFolderDatabase(dataSource, null);
    }

    private static DataSource dataSource(String url, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(EmbeddedDatabase.USER);
        dataSource.setPassword(password);
        return dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Whether this reached a system running on the folder (rather than starting PostgreSQL for the occasion). */
    public boolean systemRunning() {
        return started == null;
    }

    @Override
    public void close() {
        if (started != null) {
            try {
                started.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
