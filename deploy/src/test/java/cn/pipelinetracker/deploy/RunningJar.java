package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One of the application's jars running as a real child process ({@code java -jar}), its output in a log file under
 * {@code target/}, on a free port. {@link #close()} always ends it: gracefully first, then forcibly, and then the
 * embedded PostgreSQL it may have left behind (found by the {@code postmaster.pid} of its data folder).
 */
final class RunningJar implements AutoCloseable {

    static final Duration START_DEADLINE = Duration.ofSeconds(90);

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private final Path dataDir;

    private RunningJar(String name, Process process, Path log, int port, Path dataDir) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
        this.dataDir = dataDir;
    }

    /**
     * Starts {@code java -jar jar --server.port=<free port> args...}.
     *
     * @param dataDir the {@code --pipeline.data-dir} it was given, for clean-up of its PostgreSQL, or null
     */
    static RunningJar start(String name, Path jar, Path log, Path dataDir, String... args) {
        assertThat(jar).as("the jar to run (build it first: ./mvnw -o install -DskipTests)").isRegularFile();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", jar.toString(),
                "--server.port=" + port));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new RunningJar(name, process, log, port, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code /actuator/health} answers UP; fails at once if the process dies first. */
    RunningJar awaitHealthy() {
        TestHttp http = http().anonymous();
        try {
            Awaitility.await(name + " healthy")
                    .atMost(START_DEADLINE)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreException(UncheckedIOException.class)
                    .failFast(name + " exited before it was healthy", () -> !process.isAlive())
                    .until(() -> {
                        TestHttp.Response health = http.get("/actuator/health");
                        return health.status() == 200
                                && "UP".equals(Json.of(health).path("status").asString(null));
                    });
        } catch (RuntimeException e) {
            throw new AssertionError(e.getMessage() + "; " + this + ", its log ends:\n" + tail(), e);
        }
        assertThat(log()).as("the process that answered is this one").contains("port " + port);
        return this;
    }

    TestHttp http() {
        return TestHttp.onPort(port);
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }

    Path logFile() {
        return log;
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String tail() {
        String text = log();
        return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
    }

    /** SIGTERM, then up to {@code deadline} for the JVM to exit; true if it did. */
    boolean stop(Duration deadline) {
        process.destroy();
        try {
            return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive() && !stop(Duration.ofSeconds(30))) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        leftOverPostgres().ifPresent(postgres -> {
            postgres.destroy();
            postgres.onExit().orTimeout(20, TimeUnit.SECONDS).exceptionally(e -> {
                postgres.destroyForcibly();
                return postgres;
            }).join();
        });
    }

    /** The embedded PostgreSQL this jar started, if it still runs after the JVM ended (it was killed, say). */
    private Optional<ProcessHandle> leftOverPostgres() {
        if (dataDir == null) {
            return Optional.empty();
        }
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().command().map(c -> c.contains("postgres")).orElse(false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name + " on port " + port + " (pid " + process.pid() + ", log " + log + ")";
    }
}
