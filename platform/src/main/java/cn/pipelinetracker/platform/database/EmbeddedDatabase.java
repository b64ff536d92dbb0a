package cn.pipelinetracker.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * A PostgreSQL from the zonky binaries with its data in {@code DIR/postgres}, durable and password-protected:
 * <ul>
 * <li>{@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on (zonky turns the first two off);</li>
 * <li>every connection, socket or TCP, needs the password of the role {@code postgres}, generated at the first start
 * and kept in {@code DIR/database-password} (readable by its owner only). A data folder from before passwords
 * (zonky's {@code trust}) gets one at its next start;</li>
 * <li>a PostgreSQL left running on the folder by a process that died is stopped first ({@link Postmaster}), and a
 * {@link PostmasterWatchdog} stops this one should this JVM die without stopping it.</li>
 * </ul>
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    static final String USER = "postgres";
    static final String PASSWORD_FILE = "database-password";
    private static final String HBA_FILE = "pg_hba.conf";
    private static final String PASSWORD_METHOD = "scram-sha-256";

    private final EmbeddedPostgres postgres;
    private final PostmasterWatchdog watchdog;
    private final Path dataDirectory;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, PostmasterWatchdog watchdog, Path dataDirectory,
                             String password) {
        this.postgres = postgres;
        this.watchdog = watchdog;
        this.dataDirectory = dataDirectory;
        this.password = password;
    }

    /** Starts PostgreSQL on {@code dir/postgres}, first clearing what a crashed earlier process left behind. */
    static EmbeddedDatabase start(Path dir) throws IOException {
        Path dataDirectory = dir.toAbsolutePath().normalize().resolve("postgres");
        Files.createDirectories(dataDirectory);
        Postmaster.stopLeftOver(dataDirectory);
        Path passwordFile = dataDirectory.resolveSibling(PASSWORD_FILE);
        boolean newCluster = !Files.exists(dataDirectory.resolve("postgresql.conf"));
        Optional<String> kept = readPassword(passwordFile);
        String password = kept.orElseGet(() -> createPassword(passwordFile));
        log.info("Starting embedded PostgreSQL with its data in {}", dataDirectory);
        if (!newCluster && !(kept.isPresent() && requiresPassword(dataDirectory))) {
            // a folder from before passwords (or whose password file was lost): one start trusting local
            // connections, as that folder always did, to give the role its password
            try (EmbeddedPostgres trusting = builder(dataDirectory, password, "trust").start();
                 Connection connection = trusting.getPostgresDatabase().getConnection()) {
                connection.unwrap(PGConnection.class).alterUserPassword(USER, password.toCharArray(), PASSWORD_METHOD);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not give the embedded PostgreSQL's role a password", e);
            }
            log.warn("The embedded PostgreSQL trusted every local connection; its role '{}' now has a password, "
                    + "kept in {} (readable by its owner only), and every connection needs it", USER, passwordFile);
        }
        EmbeddedPostgres.Builder builder = builder(dataDirectory, password, PASSWORD_METHOD);
        if (newCluster) {
            // initdb's --pwfile (zonky passes these entries to initdb as --key=value): the role has its password
            // before the server first accepts a connection
            builder.setLocaleConfig("pwfile", passwordFile.toString());
        }
        EmbeddedPostgres postgres = builder.start();
        try {
            return new EmbeddedDatabase(postgres, PostmasterWatchdog.start(dataDirectory), dataDirectory, password);
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    private static EmbeddedPostgres.Builder builder(Path dataDirectory, String password, String authentication) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("password_encryption", PASSWORD_METHOD)
                .setConnectConfig("password", password)
                .setDataDirectoryCustomizer(directory -> writeHba(directory.toPath(), authentication))
                .setPGStartupWait(Duration.ofSeconds(60))
                // stopped by Spring after the connection pool, not by zonky's own hook at the first signal, which
                // would pull the database from under requests still finishing during graceful shutdown
                .setRegisterShutdownHook(false);
    }

    /** Rewritten at every start, after initdb and before the server starts: the same lines as initdb's. */
    private static void writeHba(Path dataDirectory, String authentication) {
        try {
            Files.writeString(dataDirectory.resolve(HBA_FILE), hba(authentication), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hba(String authentication) {
        return """
                # Written by Pipeline Tracker at every start of its embedded PostgreSQL (password in ../%s)
                local   all           all                     %s
                host    all           all     127.0.0.1/32    %s
                host    all           all     ::1/128         %s
                local   replication   all                     %s
                host    replication   all     127.0.0.1/32    %s
                host    replication   all     ::1/128         %s
                """.formatted(PASSWORD_FILE, authentication, authentication, authentication, authentication,
                authentication, authentication);
    }

    /** Any other pg_hba.conf (initdb's, or an earlier text of ours) goes once through the trusting start. */
    private static boolean requiresPassword(Path dataDirectory) throws IOException {
        Path hba = dataDirectory.resolve(HBA_FILE);
        return Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).equals(hba(PASSWORD_METHOD));
    }

    private static Optional<String> readPassword(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(p -> !p.isEmpty());
    }

    /** 256 random bits; the file is created readable by its owner only, then moved into place whole. */
    private static String createPassword(Path file) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try {
            Path draft = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(draft);
            try {
                Files.createFile(draft, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(draft);
            }
            Files.writeString(draft, password + "\n", StandardCharsets.UTF_8);
            Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return password;
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl(USER, "postgres");
    }

    String password() {
        return password;
    }

    int port() {
        return postgres.getPort();
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    PostmasterWatchdog watchdog() {
        return watchdog;
    }

    /** Stops PostgreSQL (fast shutdown), then the watchdog, which then has nothing left to do. */
    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            watchdog.close();
        }
    }
}
