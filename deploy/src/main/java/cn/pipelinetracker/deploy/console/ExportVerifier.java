package cn.pipelinetracker.deploy.console;

import cn.pipelinetracker.platform.audit.CheckpointSigner;
import cn.pipelinetracker.platform.audit.PublicChain;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code verify-export FILE --public-key KEY [--public-key OLDER_KEY…]}: checks an audit export with nothing but the
 * file and the public key — no database, no network (docs/decisions/0021-independent-verification.md). Every
 * event's scheme-2 hash is recomputed from the line's fields and its payload and metadata exactly as written, each
 * aggregate's events must link up, and at every checkpoint the running hash and count must match and at least one
 * signature must verify with a given key. Reads the file twice (checkpoints first, then events): memory grows only
 * with the number of aggregates, not of events.
 */
final class ExportVerifier {

    static final String COMMAND = "verify-export";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a successful check covered. */
    record Verified(long events, long checkpoints, long uncovered) {
    }

    /** The first line that does not check out, and why. */
    static final class BadLine extends Exception {
        final long line;

        BadLine(long line, String reason) {
            super("line " + line + ": " + reason);
            this.line = line;
        }
    }

    private record Checkpoint(long line, long position, long count, String chainHash, String signature,
                              String keyId) {
    }

    private record Last(long sequence, String hash) {
    }

    private ExportVerifier() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path file = null;
        List<String> keys = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--public-key") && i + 1 < args.length) {
                keys.add(args[++i]);
            } else if (args[i].startsWith("--public-key=")) {
                keys.add(args[i].substring("--public-key=".length()));
            } else if (!args[i].startsWith("--") && file == null) {
                file = Path.of(args[i]);
            } else {
                err.println(COMMAND + ": unexpected argument " + args[i]);
                return 2;
            }
        }
        if (file == null || keys.isEmpty()) {
            err.println(COMMAND + ": needs FILE --public-key KEY (the publicKey of GET /api/v1/audit/public-key)");
            return 2;
        }
        try {
            Verified verified = verify(file, keys);
            out.printf("%s: %s is intact: %d events and %d checkpoints verified%s%n", COMMAND, file,
                    verified.events(), verified.checkpoints(), verified.uncovered() == 0 ? ""
                            : "; the last " + verified.uncovered() + " events are chained but after the last "
                            + "checkpoint, so no signature covers them yet");
            return 0;
        } catch (BadLine bad) {
            err.println(COMMAND + ": " + file + " " + bad.getMessage());
            return 1;
        } catch (IOException | IllegalArgumentException unreadable) {
            err.println(COMMAND + ": " + unreadable.getMessage());
            return 2;
        }
    }

    static Verified verify(Path file, List<String> publicKeys) throws IOException, BadLine {
        Map<String, String> keys = new HashMap<>();
        for (String key : publicKeys) {
            keys.put(CheckpointSigner.keyIdOf(Base64.getDecoder().decode(key.strip())), key.strip());
        }
        // pass 1: the checkpoints (few), by position, and where the events begin
        TreeMap<Long, List<Checkpoint>> checkpoints = new TreeMap<>();
        long[] firstEvent = {Long.MAX_VALUE};
        forEachLine(file, (number, fields) -> {
            switch (String.valueOf(fields.get("kind"))) {
                case "\"event\"" -> firstEvent[0] = Math.min(firstEvent[0], number(fields, "position", number));
                case "\"checkpoint\"" -> {
                    Checkpoint checkpoint = new Checkpoint(number, number(fields, "position", number),
                            number(fields, "count", number), text(fields, "chainHash"),
                            text(fields, "signature"), text(fields, "keyId"));
                    checkpoints.computeIfAbsent(checkpoint.position(), p -> new ArrayList<>()).add(checkpoint);
                }
                default -> throw new BadLine(number, "neither an event nor a checkpoint");
            }
        });
        for (List<Checkpoint> signed : checkpoints.values()) {
            checkSignatures(signed, keys);
        }
        // the running hash picks up from the checkpoint just before the first event, or the log's beginning
        Map.Entry<Long, List<Checkpoint>> base = checkpoints.lowerEntry(firstEvent[0]);
        Events events = new Events(base, new TreeMap<>(base == null ? checkpoints
                : checkpoints.tailMap(base.getKey(), false)));
        // pass 2: the events
        forEachLine(file, (number, fields) -> {
            if ("\"event\"".equals(fields.get("kind"))) {
                events.next(number, fields);
            }
        });
        events.checkRemainingCheckpoints();
        return new Verified(events.events, checkpoints.size(), events.sinceCheckpoint);
    }

    @FunctionalInterface
    private interface LineHandler {
        void handle(long number, Map<String, String> fields) throws BadLine;
    }

    private static void forEachLine(Path file, LineHandler handler) throws IOException, BadLine {
        long number = 0;
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    handler.handle(number, fields(line, number));
                }
            }
        }
    }

    /** The events in file order: each recomputed, linked to its aggregate's previous one, summed up to checkpoints. */
    private static final class Events {
        private final boolean fromBeginning;
        private final TreeMap<Long, List<Checkpoint>> ahead;
        private final Map<String, Last> aggregates = new HashMap<>();
        private long count;
        private String running;
        private long previousPosition;
        long events;
        long sinceCheckpoint;

        Events(Map.Entry<Long, List<Checkpoint>> base, TreeMap<Long, List<Checkpoint>> ahead) {
            this.fromBeginning = base == null;
            this.ahead = ahead;
            this.count = base == null ? 0 : base.getValue().get(0).count();
            this.running = base == null ? null : base.getValue().get(0).chainHash();
            this.previousPosition = base == null ? 0 : base.getKey();
        }

        void next(long number, Map<String, String> fields) throws BadLine {
            long position = number(fields, "position", number);
            while (!ahead.isEmpty() && ahead.firstKey() < position) {
                checkSum(ahead.pollFirstEntry().getValue(), count, running);
                sinceCheckpoint = 0;
            }
            if (position <= previousPosition) {
                throw new BadLine(number, "position " + position + " is not after " + previousPosition);
            }
            if (!"2".equals(fields.get("scheme"))) {
                throw new BadLine(number, "scheme " + fields.get("scheme") + " is not scheme 2");
            }
            String aggregateId = text(fields, "aggregateId");
            long sequence = number(fields, "sequence", number);
            String previousHash = text(fields, "previousHash");
            Last last = aggregates.get(aggregateId);
            if (last != null && (sequence != last.sequence() + 1 || !last.hash().equals(previousHash))) {
                throw new BadLine(number, "does not follow the previous event of " + aggregateId + " (sequence "
                        + last.sequence() + "): an event of it is missing, or out of place");
            }
            if (last == null && fromBeginning && (sequence != 0 || previousHash != null)) {
                throw new BadLine(number, "is event " + sequence + " of " + aggregateId
                        + ", whose earlier events are missing");
            }
            String hash = PublicChain.eventHash(new PublicChain.EventFields(previousHash,
                    text(fields, "aggregateType"), aggregateId, sequence, position, text(fields, "type"),
                    text(fields, "recordedAt"), stored(fields.get("payload")), stored(fields.get("metadata"))));
            if (!hash.equals(text(fields, "hash"))) {
                throw new BadLine(number, "the event at position " + position + " does not match its hash");
            }
            aggregates.put(aggregateId, new Last(sequence, hash));
            running = PublicChain.extend(running, position, hash);
            count++;
            events++;
            sinceCheckpoint++;
            previousPosition = position;
        }

        void checkRemainingCheckpoints() throws BadLine {
            while (!ahead.isEmpty()) {
                checkSum(ahead.pollFirstEntry().getValue(), count, running);
                sinceCheckpoint = 0;
            }
        }
    }

    /** Every signature by a given key verifies, and at least one per checkpoint is by a given key. */
    private static void checkSignatures(List<Checkpoint> signed, Map<String, String> keys) throws BadLine {
        boolean vouched = false;
        for (Checkpoint checkpoint : signed) {
            String key = keys.get(checkpoint.keyId());
            if (key == null) {
                continue;
            }
            if (!CheckpointSigner.verify(key, checkpoint.position(), checkpoint.count(), checkpoint.chainHash(),
                    checkpoint.signature())) {
                throw new BadLine(checkpoint.line(), "the checkpoint's signature does not verify with key "
                        + checkpoint.keyId());
            }
            vouched = true;
        }
        if (!vouched) {
            throw new BadLine(signed.get(0).line(), "the checkpoint at position " + signed.get(0).position()
                    + " has no signature by the given key" + (keys.size() > 1 ? "s" : ""));
        }
    }

    private static void checkSum(List<Checkpoint> signed, long count, String running) throws BadLine {
        for (Checkpoint checkpoint : signed) {
            if (checkpoint.count() != count || !checkpoint.chainHash().equals(running)) {
                throw new BadLine(checkpoint.line(), "the events up to position " + checkpoint.position()
                        + " do not add up to this checkpoint (" + count + " events before it in the file"
                        + (checkpoint.count() == count ? "" : ", it counts " + checkpoint.count()) + ")");
            }
        }
    }

    /**
     * A line's top-level fields, each as the exact JSON text it has in the line (so that payload and metadata can be
     * hashed as written).
     */
    static Map<String, String> fields(String line, long number) throws BadLine {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadLine(number, "not a JSON object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                int start = (int) parser.currentTokenLocation().getCharOffset();
                parser.skipChildren();
                if (parser.currentToken() == JsonToken.VALUE_STRING) {
                    parser.getString(); // strings are read lazily: this moves the location past the closing quote
                }
                int end = parser.currentToken().isStructEnd()
                        ? (int) parser.currentTokenLocation().getCharOffset() + 1
                        : (int) parser.currentLocation().getCharOffset();
                fields.put(name, line.substring(start, end));
            }
            if (parser.nextToken() != null) {
                throw new BadLine(number, "more than one JSON value");
            }
        } catch (JacksonException broken) {
            throw new BadLine(number, "not valid JSON (" + broken.getOriginalMessage() + ")");
        }
        return fields;
    }

    private static long number(Map<String, String> fields, String name, long line) throws BadLine {
        try {
            return Long.parseLong(String.valueOf(fields.get(name)));
        } catch (NumberFormatException notANumber) {
            throw new BadLine(line, name + " is not a whole number");
        }
    }

    /** A string field's value; null for JSON null or a missing field. */
    private static String text(Map<String, String> fields, String name) {
        String raw = fields.get(name);
        return raw == null || raw.equals("null") ? null : JSON.readValue(raw, String.class);
    }

    private static byte[] stored(String raw) {
        return raw == null || raw.equals("null") ? new byte[0] : raw.getBytes(StandardCharsets.UTF_8);
    }
}
