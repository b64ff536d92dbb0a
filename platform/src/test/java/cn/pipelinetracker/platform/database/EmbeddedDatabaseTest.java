package cn.pipelinetracker.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The embedded PostgreSQL on a data folder of its own per test: its password, and what a start finds after a crash.
 * A crashed application is a real JVM ({@link EmbeddedDatabaseProcess}) killed with SIGKILL.
 */
class EmbeddedDatabaseTest {

    private final Path dir = Path.of("target/test-data/embedded-" + UUID.randomUUID()).toAbsolutePath();
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        Postmaster.of(dir.resolve("postgres")).ifPresent(Postmaster::stop);
    }

    @Test
    void aNewFolderGetsAPasswordReadableByItsOwnerOnlyAndEveryConnectionNeedsIt() throws Exception {
        EmbeddedDatabase database = start();

        Path passwordFile = dir.resolve(EmbeddedDatabase.PASSWORD_FILE);
        assertThat(Files.getPosixFilePermissions(passwordFile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(passwordFile).strip()).isEqualTo(database.password()).hasSizeGreaterThan(40);
        assertRefusedWithoutThePassword(database);
        try (Connection connection = connect(database, database.password())) {
            assertThat(show(connection, "fsync")).isEqualTo("on");
            assertThat(show(connection, "synchronous_commit")).isEqualTo("on");
            assertThat(show(connection, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void aFolderFromBeforePasswordsKeepsItsDataAndGetsAPasswordAtItsNextStart() throws Exception {
        // as the application started PostgreSQL before passwords: zonky's initdb, trusting local connections
        try (EmbeddedPostgres trusting = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres"))
                .setCleanDataDirectory(false).start();
             Connection connection = trusting.getPostgresDatabase().getConnection()) {
            connection.createStatement().execute("CREATE TABLE survivor (name text)");
            connection.createStatement().execute("INSERT INTO survivor VALUES ('written before passwords')");
        }

        EmbeddedDatabase migrated = start();
        assertThat(dir.resolve(EmbeddedDatabase.PASSWORD_FILE)).exists();
        assertRefusedWithoutThePassword(migrated);
        assertThat(survivor(migrated)).isEqualTo("written before passwords");
        migrated.close();

        EmbeddedDatabase again = start();
        assertThat(again.password()).as("the kept password, not a new one").isEqualTo(migrated.password());
        assertRefusedWithoutThePassword(again);
        assertThat(survivor(again)).isEqualTo("written before passwords");
    }

    @Test
    void theWatchdogStopsPostgresWhenItsJvmIsKilled() throws Exception {
        Process jvm = startInAJvmOfItsOwn();
        ProcessHandle postmaster = ProcessHandle.of(readyPids()[0]).orElseThrow();

        jvm.destroyForcibly();

        await("PostgreSQL stopped after its JVM was killed").atMost(Duration.ofSeconds(5))
                .until(() -> !postmaster.isAlive());
        assertThat(survivor(start())).isEqualTo("written before the crash");
    }

    @Test
    void aPostgresLeftRunningByAKilledJvmIsStoppedAtTheNextStart() throws Exception {
        Process jvm = startInAJvmOfItsOwn();
        long[] pids = readyPids();
        ProcessHandle postmaster = ProcessHandle.of(pids[0]).orElseThrow();
        // the JVM and its watchdog both die at once (e.g. the whole process group was killed)
        ProcessHandle.of(pids[1]).orElseThrow().destroyForcibly();
        jvm.destroyForcibly();
        jvm.waitFor();
        assertThat(postmaster.isAlive()).as("the orphaned PostgreSQL still runs, holding the folder").isTrue();

        EmbeddedDatabase restarted = start();

        assertThat(postmaster.isAlive()).isFalse();
        assertThat(survivor(restarted)).isEqualTo("written before the crash");
    }

    @Test
    void aPidFileNamingAProcessThatIsNoPostgresOfThisFolderDoesNotBlockTheStart() throws Exception {
        EmbeddedDatabase first = start();
        Path pidFile = first.dataDirectory().resolve("postmaster.pid");
        List<String> pidFileLines = Files.readAllLines(pidFile);
        first.close();
        assertThat(pidFile).as("removed by a clean stop").doesNotExist();

        // a pid reused by another living program: PostgreSQL alone would refuse to start ("lock file exists").
        // Not this JVM: PostgreSQL ignores a pid file naming the grandparent that started it, which this JVM is.
        Process otherProgram = new ProcessBuilder("sleep", "60").start();
        started.add(otherProgram::destroyForcibly);
        writePidFile(pidFile, pidFileLines, otherProgram.pid());
        start().close();
        assertThat(otherProgram.isAlive()).as("the other program left alone").isTrue();

        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        writePidFile(pidFile, pidFileLines, finished.pid());
        start().close();
    }

    @Test
    void aFolderInUseByALivingProcessIsRefusedAndItsPostgresLeftAlone() throws Exception {
        EmbeddedDatabase inUse = start();
        ProcessHandle postmaster = Postmaster.of(inUse.dataDirectory()).orElseThrow();

        assertThatThrownBy(() -> EmbeddedDatabase.start(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in use by another running process");
        assertThat(postmaster.isAlive()).isTrue();
        try (Connection connection = connect(inUse, inUse.password())) {
            assertThat(show(connection, "fsync")).isEqualTo("on");
        }
    }

    @Test
    void aFolderInUseByAnotherLivingJvmIsRefusedAndItsPostgresLeftAlone() throws Exception {
        startInAJvmOfItsOwn();
        ProcessHandle postmaster = ProcessHandle.of(readyPids()[0]).orElseThrow();

        assertThatThrownBy(() -> EmbeddedDatabase.start(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in use by another running process");
        assertThat(postmaster.isAlive()).isTrue();
    }

    private EmbeddedDatabase start() throws IOException {
        EmbeddedDatabase database = EmbeddedDatabase.start(dir);
        started.add(database);
        return database;
    }

    private Process startInAJvmOfItsOwn() throws IOException {
        Files.createDirectories(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedDatabaseProcess.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("jvm.log").toFile())
                .start();
        started.add(jvm::destroyForcibly);
        await("the child JVM's database ready").atMost(Duration.ofSeconds(90))
                .failFast("the child JVM ended; see " + dir.resolve("jvm.log"), () -> !jvm.isAlive())
                .until(() -> Files.exists(dir.resolve("ready")));
        return jvm;
    }

    /** {@code [postmaster pid, watchdog pid]} of the child JVM. */
    private long[] readyPids() throws IOException {
        String[] pids = Files.readString(dir.resolve("ready")).split(" ");
        return new long[] {Long.parseLong(pids[0]), Long.parseLong(pids[1])};
    }

    private static void writePidFile(Path pidFile, List<String> lines, long pid) throws IOException {
        List<String> stale = new ArrayList<>(lines);
        stale.set(0, Long.toString(pid));
        Files.write(pidFile, stale);
    }

    private static void assertRefusedWithoutThePassword(EmbeddedDatabase database) {
        assertThatThrownBy(() -> connect(database, null).close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
        assertThatThrownBy(() -> connect(database, "not-the-password").close()).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");
    }

    private static Connection connect(EmbeddedDatabase database, String password) throws SQLException {
        String url = "jdbc:postgresql://localhost:" + database.port() + "/postgres";
        return password == null ? DriverManager.getConnection(url + "?user=" + EmbeddedDatabase.USER)
                : DriverManager.getConnection(url, EmbeddedDatabase.USER, password);
    }

    private static String show(Connection connection, String setting) throws SQLException {
        var result = connection.createStatement().executeQuery("SHOW " + setting);
        result.next();
        return result.getString(1);
    }

    private static String survivor(EmbeddedDatabase database) throws SQLException {
        try (Connection connection = connect(database, database.password())) {
            var result = connection.createStatement().executeQuery("SELECT name FROM survivor");
            result.next();
            return result.getString(1);
        }
    }
}
