package cn.pipelinetracker.platform.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The PostgreSQL server process of a data folder, found by the pid in the first line of its {@code postmaster.pid}.
 * A start finds there a postmaster left running by a process that ended without stopping it (a {@code kill -9}, an
 * out-of-memory kill, a power cut of the JVM alone) and stops it, since PostgreSQL refuses to start a second server
 * on the folder.
 */
final class Postmaster {

    private static final Logger log = LoggerFactory.getLogger(Postmaster.class);

    /** zonky's lock file: held by the JVM whose embedded PostgreSQL uses the folder, for as long as that JVM lives. */
    private static final String OWNER_LOCK = "epg-lock";
    private static final String PID_FILE = "postmaster.pid";
    private static final Duration FAST_SHUTDOWN_DEADLINE = Duration.ofSeconds(30);
    private static final Duration ESCALATION_DEADLINE = Duration.ofSeconds(10);

    private Postmaster() {
    }

    /** The live postmaster serving {@code dataDirectory}, if there is one. */
    static Optional<ProcessHandle> of(Path dataDirectory) {
        return namedInPidFile(dataDirectory).filter(process -> serves(process, dataDirectory));
    }

    /**
     * Clears the way for a start on {@code dataDirectory}: stops a postmaster of that folder that no living process
     * owns, and removes a pid file that names another program (a reused pid, which PostgreSQL would take for a
     * running server). A pid file of a process that no longer exists is left to PostgreSQL, which replaces it.
     *
     * @throws IllegalStateException if another living process uses the folder, or the postmaster does not stop
     */
    static void stopLeftOver(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve(PID_FILE);
        Optional<ProcessHandle> named = namedInPidFile(dataDirectory);
        if (named.isEmpty()) {
            if (Files.exists(pidFile)) {
                log.info("{} names a process that no longer runs; PostgreSQL replaces the file", pidFile);
            }
            return;
        }
        ProcessHandle process = named.get();
        if (process.info().arguments().isEmpty()) {
            log.warn("{} names process {}, whose command line cannot be read; leaving it to PostgreSQL", pidFile,
                    process.pid());
            return;
        }
        if (!serves(process, dataDirectory)) {
            log.warn("{} names process {}, which is now another program ({}); removing the stale file", pidFile,
                    process.pid(), process.info().commandLine().orElse("command line unknown"));
            deleteIfExists(pidFile);
            return;
        }
        requireNoLivingOwner(dataDirectory, process);
        log.warn("PostgreSQL (pid {}) still serves {}: the process that started it ended without stopping it. "
                + "Stopping it (fast shutdown) before starting again", process.pid(), dataDirectory);
        stop(process);
        log.info("The left-over PostgreSQL (pid {}) has stopped", process.pid());
    }

    /** The living process whose pid {@code postmaster.pid} holds in its first line, if any. */
    private static Optional<ProcessHandle> namedInPidFile(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve(PID_FILE));
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
        } catch (NoSuchFileException | NumberFormatException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code process} is a PostgreSQL whose command line names {@code dataDirectory} ({@code -D DIR}). */
    private static boolean serves(ProcessHandle process, Path dataDirectory) {
        String[] arguments = process.info().arguments().orElse(new String[0]);
        for (int i = 0; i + 1 < arguments.length; i++) {
            if (arguments[i].equals("-D") && sameFile(Path.of(arguments[i + 1]), dataDirectory)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return a.isAbsolute() && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** zonky's lock is free only if the JVM that started the postmaster is gone; never stop a living one's server. */
    private static void requireNoLivingOwner(Path dataDirectory, ProcessHandle postmaster) {
        if (!hasLivingOwner(dataDirectory)) {
            return;
        }
        throw new IllegalStateException("The data folder " + dataDirectory + " is in use by another running "
                + "process, whose PostgreSQL (pid " + postmaster.pid() + ") serves it; stop that process first or "
                + "choose another pipeline.data-dir");
    }

    /** Whether a living process (this JVM included) holds zonky's lock on the folder: its PostgreSQL is in use. */
    static boolean hasLivingOwner(Path dataDirectory) {
        if (!Files.exists(dataDirectory.resolve(OWNER_LOCK))) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(dataDirectory.resolve(OWNER_LOCK), StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGINT (fast shutdown: ends sessions, writes a checkpoint); then SIGQUIT (immediate); then SIGKILL. */
    static void stop(ProcessHandle process) {
        signal(process, "INT");
        if (awaitExit(process, FAST_SHUTDOWN_DEADLINE)) {
            return;
        }
        log.warn("PostgreSQL (pid {}) did not stop within {} s of a fast shutdown; asking for an immediate one",
                process.pid(), FAST_SHUTDOWN_DEADLINE.toSeconds());
        signal(process, "QUIT");
        if (awaitExit(process, ESCALATION_DEADLINE)) {
            return;
        }
        log.warn("PostgreSQL (pid {}) ignored an immediate shutdown; killing it", process.pid());
        process.destroyForcibly();
        if (!awaitExit(process, ESCALATION_DEADLINE)) {
            throw new IllegalStateException("PostgreSQL (pid " + process.pid() + ") does not stop even when killed");
        }
    }

    /** Through the shell's own {@code kill}: Java sends only SIGTERM and SIGKILL, and slim images lack the binary. */
    private static void signal(ProcessHandle process, String signal) {
        try {
            Process kill = new ProcessBuilder("sh", "-c", "kill -s " + signal + " " + process.pid())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping PostgreSQL", e);
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (process.isAlive()) {
            if (System.nanoTime() > end) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return true;
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
