package cn.pipelinetracker.deploy.backup;

import cn.pipelinetracker.deploy.console.Backup;
import cn.pipelinetracker.deploy.console.Restore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Backups taken by the running system on a schedule (a cron expression in the {@code pipeline.zone} calendar) into a
 * folder, keeping the newest {@code keep} of them. Each is the same consistent backup as the {@code backup} command,
 * read back once written (a file that would not restore is reported, not kept as good). With several processes on one
 * database, a PostgreSQL advisory lock lets one of them take it; the others skip that run.
 */
public class ScheduledBackups implements SmartLifecycle {

    /** One run: OK with the file it wrote, FAILED with why, or SKIPPED (another process or run had it). */
    public record Run(Instant startedAt, Instant finishedAt, Outcome outcome, String file, Long bytes, Long events,
                      String message) {
    }

    public enum Outcome { OK, FAILED, SKIPPED }

    /** A backup file in the folder. */
    public record BackupFile(String name, long bytes, Instant writtenAt) {
    }

    static final String PREFIX = "pipeline-backup-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** The advisory lock's key: "PTBK" in ASCII. */
    private static final long LOCK = 0x5054424BL;
    private static final Logger log = LoggerFactory.getLogger(ScheduledBackups.class);

    private final DataSource dataSource;
    private final Path folder;
    private final String schedule;
    private final int keep;
    private final ZoneId zone;
    private final Clock clock;
    private final AtomicReference<Run> last = new AtomicReference<>();
    /** The newest file in the folder, for the metrics: read at start and after each run, not at each scrape. */
    private final AtomicReference<BackupFile> newest = new AtomicReference<>();
    private final MeterRegistry meters;
    private ThreadPoolTaskScheduler scheduler;

    public ScheduledBackups(DataSource dataSource, Path folder, String schedule, int keep, ZoneId zone, Clock clock,
                            MeterRegistry meters) {
        if (keep < 1) {
            throw new IllegalArgumentException("pipeline.backup.keep must be at least 1, not " + keep);
        }
        this.dataSource = dataSource;
        this.folder = folder;
        this.schedule = schedule;
        this.keep = keep;
        this.zone = zone;
        this.clock = clock;
        this.meters = meters;
        newest.set(files().stream().findFirst().orElse(null));
        Gauge.builder("pipeline.backup.last.success", newest, file -> file.get() == null ? 0
                        : file.get().writtenAt().getEpochSecond())
                .description("When the newest backup in the folder was written (seconds since 1970; 0: none yet)")
                .baseUnit("seconds").register(meters);
        Gauge.builder("pipeline.backup.last.size", newest, file -> file.get() == null ? 0 : file.get().bytes())
                .description("The size of the newest backup in the folder").baseUnit("bytes").register(meters);
    }

    public Path folder() {
        return folder;
    }

    public String schedule() {
        return schedule;
    }

    public int keep() {
        return keep;
    }

    public ZoneId zone() {
        return zone;
    }

    public Optional<Run> last() {
        return Optional.ofNullable(last.get());
    }

    /** The backups in the folder, newest first. */
    public List<BackupFile> files() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(ScheduledBackups::isBackup)
                    .sorted(Comparator.comparing((Path path) -> path.getFileName().toString()).reversed())
                    .map(path -> {
                        try {
                            return new BackupFile(path.getFileName().toString(), Files.size(path),
                                    Files.getLastModifiedTime(path).toInstant());
                        } catch (IOException gone) {
                            return null; // deleted meanwhile by another run's retention
                        }
                    })
                    .filter(Objects::nonNull)
                    .toList();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static boolean isBackup(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(".zip");
    }

    /** Takes a backup now (the schedule calls this too); one at a time, across processes. */
    public synchronized Run runNow() {
        Instant started = clock.instant();
        Run run;
        try (Connection lock = dataSource.getConnection()) {
            if (!tryLock(lock)) {
                run = new Run(started, clock.instant(), Outcome.SKIPPED, null, null, null,
                        "another process is taking a backup");
            } else {
                try {
                    run = write(started);
                } finally {
                    unlock(lock);
                }
            }
        } catch (SQLException | IOException | RuntimeException | Restore.DamagedBackup failed) {
            log.error("Scheduled backup into {} failed", folder, failed);
            run = new Run(started, clock.instant(), Outcome.FAILED, null, null, null, String.valueOf(
                    failed.getMessage()));
        }
        last.set(run);
        Counter.builder("pipeline.backup.runs").description("Backups taken by the running system, by outcome")
                .tag("outcome", run.outcome().name().toLowerCase()).register(meters).increment();
        return run;
    }

    private Run write(Instant started) throws IOException, SQLException, Restore.DamagedBackup {
        Files.createDirectories(folder);
        Path file = folder.resolve(PREFIX + STAMP.format(started.atZone(zone)) + ".zip");
        if (Files.exists(file)) {
            return new Run(started, clock.instant(), Outcome.SKIPPED, file.getFileName().toString(), null, null,
                    "a backup of this second exists already");
        }
        Backup.write(dataSource, file);
        Backup.Manifest manifest;
        try {
            manifest = Restore.check(file);
        } catch (Restore.DamagedBackup unreadable) {
            Files.deleteIfExists(file);
            throw unreadable;
        }
        prune();
        newest.set(files().stream().findFirst().orElse(null));
        log.info("Backup {}: {} events, {} bytes", file, manifest.events(), Files.size(file));
        return new Run(started, clock.instant(), Outcome.OK, file.getFileName().toString(), Files.size(file),
                manifest.events(), null);
    }

    /** Deletes all but the newest {@code keep} backups (names sort by time). */
    private void prune() throws IOException {
        List<BackupFile> files = files();
        for (BackupFile old : files.subList(Math.min(keep, files.size()), files.size())) {
            Files.deleteIfExists(folder.resolve(old.name()));
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, LOCK);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            statement.setLong(1, LOCK);
            statement.execute();
        }
    }

    @Override
    public void start() {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("scheduled-backup-");
        scheduler.initialize();
        scheduler.schedule(this::runNow, new CronTrigger(schedule, zone));
        log.info("Backups scheduled at '{}' ({}) into {}, the newest {} kept", schedule, zone, folder, keep);
    }

    @Override
    public void stop() {
        scheduler.shutdown();
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
