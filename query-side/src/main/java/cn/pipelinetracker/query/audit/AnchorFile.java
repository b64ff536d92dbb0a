package cn.pipelinetracker.query.audit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Every checkpoint signature also appended, one JSON line each (the export's checkpoint line), to a file outside the
 * database ({@code pipeline.audit.anchor-file}: another disk, a WORM mount); {@code verify} compares the database's
 * checkpoints with it. Without the setting there is no anchor file.
 */
@Component
public class AnchorFile {

    /** One checkpoint signature, as the export and the anchor file give it. */
    public record Entry(long position, long count, String chainHash, String signature, String keyId) {

        void write(JsonGenerator generator) {
            generator.writeStartObject();
            generator.writeStringProperty("kind", "checkpoint");
            generator.writeNumberProperty("position", position);
            generator.writeNumberProperty("count", count);
            generator.writeStringProperty("chainHash", chainHash);
            generator.writeStringProperty("signature", signature);
            generator.writeStringProperty("keyId", keyId);
            generator.writeEndObject();
        }

        /** Every checkpoint signature with its checkpoint; {@link #of} reads a row. */
        static final String SELECT = "SELECT c.position, c.events, c.public_chain_hash, s.signature, s.key_id "
                + "FROM audit_checkpoint c JOIN audit_checkpoint_signature s ON s.position = c.position";

        static Entry of(ResultSet rs) throws SQLException {
            return new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5));
        }

        static Entry read(JsonNode line) {
            return new Entry(line.get("position").asLong(), line.get("count").asLong(),
                    line.get("chainHash").asString(), line.get("signature").asString(), line.get("keyId").asString());
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;

    public AnchorFile(@Value("${pipeline.audit.anchor-file:}") String file) {
        this.file = file == null || file.isBlank() ? null : Path.of(file.strip());
    }

    public boolean configured() {
        return file != null;
    }

    public Path path() {
        return file;
    }

    /** Whether the configured file is there (created at start-up: a missing one was removed). */
    boolean exists() {
        return file != null && Files.exists(file);
    }

    /** Creates the (empty) file if it is not there. */
    void create() {
        append(null);
    }

    /** Appends one line; the file is locked while it is written, so processes sharing it never interleave lines. */
    void append(Entry entry) {
        if (file == null) {
            return;
        }
        byte[] line = entry == null ? new byte[0] : toLine(entry);
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                 FileLock ignored = channel.lock()) {
                channel.write(ByteBuffer.wrap(line));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not append the checkpoint to the anchor file " + file, e);
        }
    }

    private static byte[] toLine(Entry entry) {
        var out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            entry.write(generator);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** Every entry of the file in order; a line that is not an entry is reported as null. */
    void read(Consumer<Entry> each) {
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Entry entry;
                try {
                    entry = Entry.read(JSON.readTree(line));
                } catch (RuntimeException unreadable) {
                    entry = null;
                }
                each.accept(entry);
            }
        } catch (NoSuchFileException none) {
            // nothing anchored yet
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the anchor file " + file, e);
        }
    }
}
