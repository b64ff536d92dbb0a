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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The users of HTTP Basic and the form, looked up in this order (docs/decisions/0020-accounts.md):
 * <ol>
 *     <li>those configured ({@code pipeline.security.users[i]});</li>
 *     <li>the accounts kept by the application (tables {@code account} and {@code account_credential}), unless an
 *     identity provider is configured: then accounts come from it;</li>
 *     <li>with no user configured and no identity provider, {@code admin} (role ADMIN, the root region) with a random
 *     password that the first start prints once and writes to {@code DIR/initial-admin-password} — until the
 *     database holds an enabled ADMIN account of the root region: from then on it no longer signs in.</li>
 * </ol>
 */
public class Users implements UserDetailsService {

    static final String INITIAL_ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(Users.class);

    private final Map<String, PipelineUser> configured = new LinkedHashMap<>();
    private final JdbcClient jdbc;
    private final String rootRegion;
    private final boolean accountsKept;
    private final PipelineUser generatedAdmin;

    /**
     * @param noIdentityProvider no bearer-token issuer is configured: the application keeps accounts, and with no
     *                           user configured it generates {@code admin}
     */
    public Users(SecurityProperties properties, RegionTree regions, PasswordEncoder encoder, JdbcClient jdbc,
                 Path dataDir, boolean noIdentityProvider) {
        this.jdbc = jdbc;
        this.rootRegion = regions.root();
        this.accountsKept = noIdentityProvider;
        for (SecurityProperties.User user : properties.users()) {
            if (!regions.contains(user.regionCode())) {
                throw new IllegalStateException("pipeline.security.users: user " + user.name()
                        + " has unknown region-code " + user.regionCode());
            }
            configured.put(user.name(), new PipelineUser(user.name(), user.password(), user.role(),
                    user.regionCode(), PipelineUser.Source.CONFIGURATION));
        }
        generatedAdmin = configured.isEmpty() && noIdentityProvider && !rootAdminKept()
                ? new PipelineUser(INITIAL_ADMIN, initialAdminHash(encoder, jdbc, dataDir), Role.ADMIN, rootRegion,
                        PipelineUser.Source.GENERATED)
                : null;
    }

    /** Whether anyone can sign in with a password (HTTP Basic is on). */
    public boolean any() {
        return !configured.isEmpty() || accountsKept;
    }

    /** Whether the application keeps accounts (no identity provider is configured). */
    public boolean accountsKept() {
        return accountsKept;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return find(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    /** The user as it is now (a disabled account included), or empty when no such user may sign in any more. */
    public Optional<PipelineUser> find(String name) {
        PipelineUser user = configured.get(name);
        if (user != null) {
            return Optional.of(user);
        }
        if (accountsKept) {
            Optional<PipelineUser> account = jdbc.sql("""
                            SELECT a.name, c.password_hash, a.role, a.region_code, a.enabled, c.must_change_password
                            FROM account a JOIN account_credential c ON c.name = a.name WHERE a.name = ?""")
                    .param(name)
                    .query((rs, row) -> new PipelineUser(rs.getString(1), rs.getString(2),
                            Role.valueOf(rs.getString(3)), rs.getString(4), PipelineUser.Source.DATABASE, rs.getBoolean(5), rs.getBoolean(6)))
                    .optional();
            if (account.isPresent()) {
                return account;
            }
        }
        return generatedAdmin != null && generatedAdmin.name().equals(name) && !rootAdminKept()
                ? Optional.of(generatedAdmin) : Optional.empty();
    }

    /**
     * The users not kept as accounts: those configured, and the generated {@code admin} while it still signs in
     * (listed beside the accounts, not editable).
     */
    public List<PipelineUser> notKept() {
        List<PipelineUser> users = new ArrayList<>(configured.values());
        if (generatedAdmin != null && !rootAdminKept()) {
            users.add(generatedAdmin);
        }
        return users;
    }

    /** Whether an enabled ADMIN account of the root region exists: it retires the generated {@code admin}. */
    private boolean rootAdminKept() {
        return accountsKept && jdbc.sql("SELECT EXISTS (SELECT 1 FROM account WHERE enabled AND role = 'ADMIN' "
                + "AND region_code = ?)").param(rootRegion).query(Boolean.class).single();
    }

    private static String initialAdminHash(PasswordEncoder encoder, JdbcClient jdbc, Path dataDir) {
        var existing = jdbc.sql("SELECT password_hash FROM initial_admin WHERE name = ?").param(INITIAL_ADMIN)
                .query(String.class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        String password = Passwords.random();
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
