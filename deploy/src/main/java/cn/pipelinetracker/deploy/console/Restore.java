package cn.pipelinetracker.deploy.console;

import cn.pipelinetracker.platform.audit.CheckpointSigner;
import cn.pipelinetracker.platform.audit.EventChain;
import cn.pipelinetracker.platform.database.DataFolderDatabase;
import cn.pipelinetracker.platform.database.SchemaMigration;
import cn.pipelinetracker.platform.database.SchemaMigrator;
import cn.pipelinetracker.query.audit.AnchorFile;
import cn.pipelinetracker.query.audit.ChainVerifier;
import cn.pipelinetracker.query.audit.Checkpoints;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Builds a data folder from a {@link Backup}: the file is checked whole first (manifest, every table's digest and row
 * count) and nothing is written unless it is intact; then a fresh PostgreSQL, the schema of this version, the tables
 * loaded, the tamper-evidence chain verified, and a checkpoint written over the restored log. The next start replays
 * the log into the projections. Anything that goes wrong after the folder was made removes it again.
 */
public final class Restore {

    /** A backup file that cannot be restored, and why. */
    public static final class DamagedBackup extends Exception {

        DamagedBackup(String message) {
            super(message);
        }
    }

    private Restore() {
    }

    public static Backup.Manifest restore(Path from, Path newDir, String auditKey, String signingKey) throws DamagedBackup, IOException {
        Backup.Manifest manifest = check(from);
        if (Files.exists(newDir) && (!Files.isDirectory(newDir) || isNotEmpty(newDir))) {
            throw new IllegalArgumentException(newDir + " exists and is not empty: restore builds a new data folder");
        }
        try (ZipFile zip = new ZipFile(from.toFile());
             DataFolderDatabase database = DataFolderDatabase.open(newDir)) {
            DataSource dataSource = database.dataSource();
            new SchemaMigrator(dataSource, List.of(new SchemaMigration("event-store", 0),
                    new SchemaMigration("command-side", 10), new SchemaMigration("query-side", 20)))
                    .afterPropertiesSet();
            load(zip, dataSource);
            verify(dataSource, auditKey, CheckpointSigner.load(signingKey,
                    newDir.resolve(CheckpointSigner.DEFAULT_FILE)));
            return manifest;
        } catch (IOException | RuntimeException | DamagedBackup e) {
            deleteRecursively(newDir);
            throw e;
        }
    }

    /** Reads the whole file once: a manifest this version understands, every table present with its digest. */
    public static Backup.Manifest check(Path from) throws DamagedBackup {
        try (ZipFile zip = new ZipFile(from.toFile())) {
            ZipEntry manifestEntry = zip.getEntry(Backup.MANIFEST);
            if (manifestEntry == null) {
                throw new DamagedBackup(from + " is not a Pipeline Tracker backup: it has no " + Backup.MANIFEST);
            }
            Backup.Manifest manifest;
            try (InputStream in = zip.getInputStream(manifestEntry)) {
                manifest = Backup.JSON.readValue(in, Backup.Manifest.class);
            }
            if (manifest.format() != Backup.FORMAT) {
                throw new DamagedBackup(from + " has backup format " + manifest.format() + "; this version reads "
                        + Backup.FORMAT);
            }
            for (Backup.Manifest.Table table : manifest.tables()) {
                ZipEntry entry = zip.getEntry(Backup.entry(table.name()));
                if (entry == null) {
                    throw new DamagedBackup(from + " lacks the table " + table.name() + " its manifest lists");
                }
                MessageDigest sha256 = Backup.sha256();
                try (InputStream in = new DigestInputStream(zip.getInputStream(entry), sha256)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                if (!HexFormat.of().formatHex(sha256.digest()).equals(table.sha256())) {
                    throw new DamagedBackup(from + " is damaged: the table " + table.name()
                            + " does not match its digest in the manifest");
                }
            }
            return manifest;
        } catch (ZipException | tools.jackson.core.JacksonException unreadable) {
            throw new DamagedBackup(from + " is damaged or not a backup: " + unreadable.getMessage());
        } catch (IOException e) {
            throw new DamagedBackup("Could not read " + from + ": " + e.getMessage());
        }
    }

    private static void load(ZipFile zip, DataSource dataSource) throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String table : Backup.TABLES) {
                ZipEntry entry = zip.getEntry(Backup.entry(table));
                if (entry == null) {
                    continue; // a backup made before the table existed: nothing of it to restore
                }
                String columns;
                try (BufferedReader header = new BufferedReader(new InputStreamReader(zip.getInputStream(entry),
                        StandardCharsets.UTF_8))) {
                    columns = header.readLine();
                }
                if (columns == null) {
                    continue;
                }
                try (InputStream rows = zip.getInputStream(entry)) {
                    copy.copyIn("COPY " + table + " (" + columns + ") FROM STDIN WITH (FORMAT csv, HEADER)", rows);
                }
            }
            try (var statement = connection.createStatement()) {
                statement.execute("SELECT setval(pg_get_serial_sequence('domain_event_entry', 'global_index'), "
                        + "GREATEST((SELECT max(global_index) FROM domain_event_entry), 1))");
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load the backup's tables: " + e.getMessage(), e);
        }
    }

    /**
     * The restored log must verify (every event's hash, every checkpoint); then one checkpoint over all of it, so that
     * the restored system's own verification has nothing uncovered to complain about.
     */
    private static void verify(DataSource dataSource, String auditKey, CheckpointSigner signer)
            throws DamagedBackup {
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        EventChain chain = new EventChain(JdbcClient.create(dataSource), auditKey);
        AnchorFile noAnchor = new AnchorFile(null);
        // old events get their scheme-2 hash and the checkpoints this folder's key's signature, each only once what
        // vouched for it checks out; then one checkpoint over all of the restored log
        new Checkpoints(dataSource, transaction, chain, signer, noAnchor, Clock.systemUTC())
                .write(Clock.systemUTC().instant());
        // no checkpoint is overdue in a restore: the last ones may lie before the backup's newest events
        var verdict = new ChainVerifier(dataSource, transaction, chain, noAnchor, Duration.ofDays(365_000)).verify();
        if (!verdict.valid()) {
            throw new DamagedBackup("The restored event log does not verify: first invalid position "
                    + verdict.firstInvalidPosition() + ", " + verdict.reason()
                    + " (was the backup taken with another pipeline.audit.key?)");
        }
    }

    private static boolean isNotEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
