package cn.pipelinetracker.platform.security;

import cn.pipelinetracker.platform.reference.RegionTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The users of HTTP Basic: those configured, or — with none configured and no bearer-token issuer — {@code admin}
 * (role ADMIN, the root region) with a random password that the first start prints once and writes to
 * {@code DIR/initial-admin-password}.
 */
public class Users implements UserDetailsService {

    static final String INITIAL_ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(Users.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Map<String, PipelineUser> byName = new LinkedHashMap<>();

    public Users(SecurityProperties properties, RegionTree regions, PasswordEncoder encoder, JdbcClient jdbc,
                 Path dataDir, boolean createInitialAdmin) {
        for (SecurityProperties.User user : properties.users()) {
            if (!regions.contains(user.regionCode())) {
                throw new IllegalStateException("pipeline.security.users: user " + user.name()
                        + " has unknown region-code " + user.regionCode());
            }
            byName.put(user.name(), new PipelineUser(user.name(), user.password(), user.role(), user.regionCode()));
        }
        if (byName.isEmpty() && createInitialAdmin) {
            byName.put(INITIAL_ADMIN, new PipelineUser(INITIAL_ADMIN, initialAdminHash(encoder, jdbc, dataDir),
                    Role.ADMIN, regions.root()));
        }
    }

    /** Whether anyone can sign in with a password (HTTP Basic is on). */
    public boolean any() {
        return !byName.isEmpty();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        PipelineUser user = byName.get(username);
        if (user == null) {
            throw new UsernameNotFoundException("no such user");
        }
        return user;
    }

    private static String initialAdminHash(PasswordEncoder encoder, JdbcClient jdbc, Path dataDir) {
        var existing = jdbc.sql("SELECT password_hash FROM initial_admin WHERE name = ?").param(INITIAL_ADMIN)
                .query(String.class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        String password = randomPassword();
        int created = jdbc.sql("INSERT INTO initial_admin (name, password_hash) VALUES (?, ?) "
                        + "ON CONFLICT (name) DO NOTHING")
                .params(INITIAL_ADMIN, encoder.encode(password)).update();
        if (created == 1) {
            Path file = dataDir.toAbsolutePath().resolve("initial-admin-password");
            write(file, password);
            log.warn("""

                    No user is configured, so user '{}' (role ADMIN, all regions) was created with password:

                        {}

                    It is shown this once and kept in {} (readable by its owner only). Configure users with
                    pipeline.security.users[i].name / .password / .role / .region-code (see the README).
                    """, INITIAL_ADMIN, password, file);
        }
        return jdbc.sql("SELECT password_hash FROM initial_admin WHERE name = ?").param(INITIAL_ADMIN)
                .query(String.class).single();
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static void write(Path file, String password) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                file.toFile().setReadable(false, false);
                file.toFile().setReadable(true, true);
            }
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
