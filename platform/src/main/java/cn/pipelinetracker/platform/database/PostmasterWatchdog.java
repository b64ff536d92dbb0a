package cn.pipelinetracker.platform.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Stops the embedded PostgreSQL when this JVM dies without stopping it ({@code kill -9}, an out-of-memory kill):
 * PostgreSQL runs detached and would otherwise live on, holding its data folder. A small shell child reads a pipe
 * whose only writer is this JVM; the kernel closes the pipe when the JVM ends, however it ends, and the child then
 * asks the postmaster for a fast shutdown (SIGINT) if that pid is still a PostgreSQL of this data folder. It ignores
 * SIGINT, SIGTERM and SIGHUP, so that a signal to the whole process group cannot end it before the JVM.
 */
final class PostmasterWatchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostmasterWatchdog.class);

    private static final String SCRIPT = """
            trap '' INT TERM HUP
            cat > /dev/null
            if [ ! -d /proc/self ] || grep -qaF -- "$2" "/proc/$1/cmdline" 2>/dev/null; then kill -s INT "$1"; fi
            """;

    private final Process process;

    private PostmasterWatchdog(Process process) {
        this.process = process;
    }

    /** Watches the postmaster now serving {@code dataDirectory}. */
    static PostmasterWatchdog start(Path dataDirectory) throws IOException {
        ProcessHandle postmaster = Postmaster.of(dataDirectory).orElseThrow(() -> new IllegalStateException(
                "no running PostgreSQL found for " + dataDirectory + " right after its start"));
        Process process = new ProcessBuilder("sh", "-c", SCRIPT, "postmaster-watchdog",
                Long.toString(postmaster.pid()), dataDirectory.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        log.debug("Watchdog (pid {}) stops PostgreSQL (pid {}) should this JVM end without stopping it",
                process.pid(), postmaster.pid());
        return new PostmasterWatchdog(process);
    }

    ProcessHandle process() {
        return process.toHandle();
    }

    /** Ends the watchdog without it signalling anything: call after PostgreSQL was stopped. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            // the shell is gone; closing the pipe ends its cat
            process.getOutputStream().close();
        } catch (IOException e) {
            log.debug("Closing the watchdog's pipe", e);
        }
    }
}
