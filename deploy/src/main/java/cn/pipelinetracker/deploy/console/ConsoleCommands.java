package cn.pipelinetracker.deploy.console;

import cn.pipelinetracker.command.CommandSideApplication;
import cn.pipelinetracker.command.account.AccountAdministration;
import cn.pipelinetracker.platform.database.DataFolderDatabase;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.security.Passwords;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The all-in-one jar's commands for a bureau running it alone, beside starting the system:
 * <pre>
 * java -jar pipeline-tracker.jar backup  --to FILE     --pipeline.data-dir=DIR (or --spring.datasource.url=…)
 * java -jar pipeline-tracker.jar restore --from FILE   --pipeline.data-dir=NEWDIR
 * java -jar pipeline-tracker.jar verify-export FILE --public-key KEY   (no database, no network)
 * java -jar pipeline-tracker.jar reset-admin-password  --pipeline.data-dir=DIR   (the system stopped)
 * </pre>
 * Each prints one line saying what it did and exits 0, or says what went wrong and exits non-zero.
 */
public final class ConsoleCommands {

    private static final Set<String> COMMANDS = Set.of("backup", "restore", "reset-admin-password",
            ExportVerifier.COMMAND);

    private ConsoleCommands() {
    }

    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs the command; the exit status to end the JVM with. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args[0].equals(ExportVerifier.COMMAND)) {
            return ExportVerifier.run(args, out, err);
        }
        Map<String, String> options = options(args);
        try {
            return switch (args[0]) {
                case "backup" -> backup(options, out);
                case "restore" -> restore(options, out);
                case "reset-admin-password" -> resetAdminPassword(options, out);
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            };
        } catch (Restore.DamagedBackup damaged) {
            err.println("restore: " + damaged.getMessage() + "; nothing was written");
            return 3;
        } catch (SystemRunning running) {
            err.println(args[0] + ": " + running.getMessage() + "; nothing was changed");
            return 4;
        } catch (IllegalArgumentException usage) {
            err.println(args[0] + ": " + usage.getMessage());
            return 2;
        } catch (Exception failed) {
            err.println(args[0] + " failed: " + failed);
            return 1;
        }
    }

    private static int backup(Map<String, String> options, PrintStream out) throws Exception {
        Path to = Path.of(required(options, "to", "--to FILE"));
        String url = options.get("spring.datasource.url");
        try (DataFolderDatabase database = url != null
                ? DataFolderDatabase.at(url, options.getOrDefault("spring.datasource.username", "postgres"),
                        options.get("spring.datasource.password"))
                : DataFolderDatabase.open(dataDir(options))) {
            Backup.Manifest manifest = Backup.write(database.dataSource(), to);
            out.printf("backup: %s holds %d events and %d tables (%s), taken %s%n", to.toAbsolutePath(),
                    manifest.events(), manifest.tables().size(),
                    database.systemRunning() ? "while the system ran" : "of the stopped data folder",
                    manifest.createdAt());
            return 0;
        }
    }

    private static int restore(Map<String, String> options, PrintStream out) throws Exception {
        Path from = Path.of(required(options, "from", "--from FILE"));
        Path newDir = Path.of(required(options, "pipeline.data-dir", "--pipeline.data-dir=NEWDIR"));
        Backup.Manifest manifest = Restore.restore(from, newDir, options.get("pipeline.audit.key"),
                options.get("pipeline.audit.signing-key"));
        out.printf("restore: %s built from %s (%d events, taken %s); the chain verifies; the next start rebuilds "
                + "every projection%n", newDir.toAbsolutePath(), from, manifest.events(), manifest.createdAt());
        return 0;
    }

    /** The data folder is in use by a running system: a console command that writes to it must wait. */
    static final class SystemRunning extends RuntimeException {
        SystemRunning(String message) {
            super(message);
        }
    }

    /**
     * The way back in: a one-time password for {@code admin}, through the command layer of a command side started
     * for the occasion on the stopped folder (no HTTP port; its one configured user, the console itself, keeps it from
     * generating an admin of its own).
     */
    private static int resetAdminPassword(Map<String, String> options, PrintStream out) {
        if (options.containsKey("spring.datasource.url")) {
            throw new IllegalArgumentException("works on the data folder of the all-in-one jar (--pipeline.data-dir="
                    + "DIR); with a PostgreSQL server of your own, sign in as one of the configured users instead");
        }
        Path dir = dataDir(options).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("postgres"))) {
            throw new IllegalArgumentException(dir + " holds no data folder of the system (no " + dir.resolve(
                    "postgres") + ")");
        }
        if (DataFolderDatabase.inUse(dir)) {
            throw new SystemRunning("the system is running on " + dir + ": stop it first");
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("pipeline.embedded-database", "true");
        properties.put("pipeline.data-dir", dir.toString());
        properties.put("pipeline.demo-data", "false");
        properties.put("server.port", "-1");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("pipeline.security.users[0].name", AccountAdministration.LOCAL_CONSOLE.name());
        properties.put("pipeline.security.users[0].password", "{noop}" + Passwords.random());
        properties.put("pipeline.security.users[0].role", "ADMIN");
        properties.put("pipeline.security.users[0].region-code", RegionTree.bundled().root());
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandSideApplication.class)
                .logStartupInfo(false).properties(properties).run()) {
            AccountAdministration.Done reset = context.getBean(AccountAdministration.class).resetAdminFromConsole();
            out.printf("reset-admin-password: user admin (ADMIN, all regions) of %s has the one-time password%n%n"
                    + "    %s%n%n" + "It is shown this once; the first sign-in must change it. Recorded as an account "
                    + "event by local-console at position %d.%n", dir, reset.oneTimePassword(),
                    reset.outcome().position());
            return 0;
        }
    }

    private static Path dataDir(Map<String, String> options) {
        String dir = options.get("pipeline.data-dir");
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".pipeline-tracker");
    }

    private static String required(Map<String, String> options, String name, String usage) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("needs " + usage);
        }
        return value;
    }

    /** {@code --name=value} and {@code --name value}, after the command itself. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            int equals = arg.indexOf('=');
            if (equals > 0) {
                options.put(arg.substring(2, equals), arg.substring(equals + 1));
            } else if (i + 1 < args.length) {
                options.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        return options;
    }
}
