package cn.pipelinetracker.deploy.benchmark;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the CPU of a measured stretch went: the JVM's request threads (HTTP, security, the command layer and its
 * appends), its projections' threads (the processors' coordinators and work packages), the benchmark's own clients
 * (their threads and their HTTP clients' threads; they load the same two cores), the JVM's own garbage collection and
 * JIT compilers (from {@code /proc/self/task}), the rest of the JVM (timers, pools' housekeeping, scheduled jobs:
 * {@link #otherThreads} names the largest), and the embedded PostgreSQL's processes (every backend,
 * the ones that ended too, and the server's own). CPU time divided by the work done does not depend on how busy the
 * machine was, unlike a rate, so it says what a command costs even on a shared machine. PostgreSQL is read from
 * {@code /proc}: on another system its share is missing, not guessed.
 */
final class CpuShares {

    /** The name prefix of a benchmark client's thread. */
    static final String BENCHMARK_CLIENT = "benchmark-client-";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    /** Thread names ({@code comm}, at most 15 characters) of HotSpot's collectors, compilers and VM operations. */
    private static final List<String> GC_AND_JIT = List.of("GC Thread", "G1 ", "C1 CompilerThre", "C2 CompilerThre",
            "VM Thread", "VM Periodic Tas");

    private final long postmaster;
    /** Each live JVM thread's CPU nanoseconds at the start, by id. */
    private final Map<Long, Long> threadsAtStart;
    private final long jvmAtStart;
    private final long gcAndJitAtStart;
    private final long postgresqlAtStart;
    /** The other JVM threads' CPU since the start, by name (after {@link #perUnit}). */
    private final Map<String, Long> otherThreads = new HashMap<>();

    private CpuShares(long postmaster) {
        this.postmaster = postmaster;
        this.threadsAtStart = threadCpu();
        this.jvmAtStart = jvmNanos();
        this.gcAndJitAtStart = gcAndJitNanos();
        this.postgresqlAtStart = postmaster > 0 ? postgresNanos() : 0;
    }

    /** Starts counting; {@code jdbc} points at the embedded PostgreSQL whose processes are counted. */
    static CpuShares start(JdbcClient jdbc) {
        long backend = jdbc.sql("SELECT pg_backend_pid()").query(Long.class).single();
        return new CpuShares(statFields(backend).map(fields -> Long.parseLong(fields[4])).orElse(-1L));
    }

    /**
     * Milliseconds of CPU per unit of work (e.g. per command) since the start, by part. A thread's part is its CPU
     * since the start (all of it if it started later); a thread that ended meanwhile is missing from its part and
     * counted in {@code jvm_other}, which is the JVM's whole CPU less the other parts.
     */
    Map<String, Double> perUnit(long units) {
        Map<String, Long> nanos = new LinkedHashMap<>();
        for (String part : List.of("jvm_requests", "jvm_projections", "benchmark_clients")) {
            nanos.put(part, 0L);
        }
        otherThreads.clear();
        Map<Long, ThreadInfo> infos = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                infos.put(info.getThreadId(), info);
            }
        }
        threadCpu().forEach((id, cpu) -> {
            ThreadInfo info = infos.get(id);
            if (info == null) {
                return;
            }
            long since = cpu - threadsAtStart.getOrDefault(id, 0L);
            String name = info.getThreadName();
            if (name.startsWith("http-nio")) {
                nanos.merge("jvm_requests", since, Long::sum);
            } else if (name.startsWith("WorkPackage[") || name.startsWith("Coordinator[")) {
                nanos.merge("jvm_projections", since, Long::sum);
            } else if (name.startsWith(BENCHMARK_CLIENT) || name.startsWith("HttpClient-")) {
                nanos.merge("benchmark_clients", since, Long::sum);
            } else {
                otherThreads.merge(name.replaceAll("[0-9]+", "#"), since, Long::sum);
            }
        });
        long gcAndJit = gcAndJitNanos() - gcAndJitAtStart;
        nanos.put("jvm_gc_and_jit", gcAndJit);
        nanos.put("jvm_other", jvmNanos() - jvmAtStart - gcAndJit
                - nanos.get("jvm_requests") - nanos.get("jvm_projections") - nanos.get("benchmark_clients"));
        if (postmaster > 0) {
            nanos.put("postgresql", postgresNanos() - postgresqlAtStart);
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        nanos.forEach((part, spent) -> shares.put(part, spent / 1e6 / units));
        return shares;
    }

    /**
     * The largest of the other JVM threads since the start (after {@link #perUnit}): milliseconds per unit by thread
     * name with its numbers taken out, largest first.
     */
    String otherThreads(long units, int largest) {
        return otherThreads.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(largest).map(entry -> String.format("%s %.2f", entry.getKey(), entry.getValue() / 1e6 / units))
                .collect(Collectors.joining(", "));
    }

    private static Map<Long, Long> threadCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long nanos = THREADS.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    private static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** HotSpot's own threads, which the thread bean does not list; 0 where {@code /proc} is missing. */
    private static long gcAndJitNanos() {
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    if (GC_AND_JIT.stream().anyMatch(name::startsWith)) {
                        ticks += statFields(task.resolve("stat")).map(fields -> sum(fields, 14, 15)).orElse(0L);
                    }
                } catch (IOException gone) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }

    /** The server's own time, its ended children's (it waited for them), and every live child's. */
    private long postgresNanos() {
        long ticks = statFields(postmaster).map(fields -> sum(fields, 14, 15, 16, 17)).orElse(0L);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            ticks += processes.map(path -> path.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .flatMap(pid -> statFields(Long.parseLong(pid)).stream())
                    .filter(fields -> Long.parseLong(fields[4]) == postmaster)
                    .mapToLong(fields -> sum(fields, 14, 15))
                    .sum();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }

    /** {@code /proc/PID/stat} split after the command name (which may hold spaces), numbered as in proc(5): the third is the state. */
    private static Optional<String[]> statFields(long pid) {
        return statFields(Path.of("/proc", String.valueOf(pid), "stat"));
    }

    private static Optional<String[]> statFields(Path file) {
        try {
            String stat = Files.readString(file);
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            String[] fields = new String[rest.length + 3];
            System.arraycopy(rest, 0, fields, 3, rest.length);
            return Optional.of(fields);
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    private static long sum(String[] fields, int... numbers) {
        long total = 0;
        for (int number : numbers) {
            total += Long.parseLong(fields[number]);
        }
        return total;
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            return Long.parseLong(new String(getconf.getInputStream().readAllBytes()).trim());
        } catch (IOException | NumberFormatException e) {
            return 100;
        }
    }
}
