package cn.pipelinetracker.deploy.console;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A backup of everything that cannot be rebuilt (docs/decisions/0017-backup.md): the event log with its hashes and
 * checkpoints, the tamper-evidence key, the initial admin, idempotency keys, project codes and regions, and the
 * recorded dead-letter decisions — read in one repeatable-read transaction (a consistent snapshot while the system
 * keeps running), each table as CSV in a zip with a manifest of row counts and SHA-256 digests. Projections are left
 * out: the first start after a restore replays the log into them.
 */
public final class Backup {

    static final int FORMAT = 1;
    static final String MANIFEST = "manifest.json";
    static final List<String> TABLES = List.of("domain_event_entry", "snapshot_event_entry", "event_hash",
            "audit_checkpoint", "audit_key", "initial_admin", "account", "account_credential", "idempotency_key",
            "project_code", "project_region", "campaign_region", "campaign_claim", "dead_letter_skip", "closed_period",
            "audit_signing_key", "audit_checkpoint_signature");
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a backup holds. */
    public record Manifest(int format, Instant createdAt, long events, List<Table> tables) {

        public record Table(String name, long rows, String sha256) {
        }
    }

    private Backup() {
    }

    static String entry(String table) {
        return "tables/" + table + ".csv";
    }

    public static Manifest write(DataSource dataSource, Path to) throws IOException, SQLException {
        Path draft = to.toAbsolutePath().resolveSibling(to.getFileName() + ".part");
        List<Manifest.Table> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(draft))) {
                for (String table : TABLES) {
                    zip.putNextEntry(new ZipEntry(entry(table)));
                    MessageDigest sha256 = sha256();
                    long rows = copy.copyOut("COPY " + table + " TO STDOUT WITH (FORMAT csv, HEADER)",
                            new DigestOutputStream(new KeepOpen(zip), sha256));
                    zip.closeEntry();
                    tables.add(new Manifest.Table(table, rows, HexFormat.of().formatHex(sha256.digest())));
                }
                long events = tables.get(0).rows();
                Manifest manifest = new Manifest(FORMAT, Instant.now(), events, tables);
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                zip.closeEntry();
                connection.commit();
                Files.move(draft, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return manifest;
            }
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The zip's stream, which COPY must not close after one entry. */
    private static final class KeepOpen extends FilterOutputStream {

        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
