package cn.pipelinetracker.command.account;

import cn.pipelinetracker.platform.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The accounts as sign-in reads them (table {@code account}) and their credentials ({@code account_credential}),
 * written in the transaction that appends the account's events. Not a projection: like the project codes, they are
 * kept beside the log and backed up with it.
 */
@Repository
public class AccountTable {

    /** An account as it is now. */
    public record AccountRow(String name, String displayName, Role role, String regionCode, boolean enabled,
                             Instant changedAt, String changedBy) {
    }

    private static final String COLUMNS = "name, display_name, role, region_code, enabled, changed_at, changed_by";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;

    public AccountTable(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    public Optional<AccountRow> find(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE name = ?").param(name)
                .query(AccountTable::row).optional();
    }

    public List<AccountRow> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account ORDER BY name").query(AccountTable::row).list();
    }

    void insert(String name, String displayName, Role role, String regionCode, String by) {
        OffsetDateTime now = now();
        jdbc.sql("INSERT INTO account (name, display_name, role, region_code, enabled, created_at, created_by, "
                        + "changed_at, changed_by) VALUES (?, ?, ?, ?, TRUE, ?, ?, ?, ?)")
                .params(name, displayName, role.name(), regionCode, now, by, now, by).update();
    }

    void update(AccountRow row, String by) {
        jdbc.sql("UPDATE account SET display_name = ?, role = ?, region_code = ?, enabled = ?, changed_at = ?, "
                        + "changed_by = ? WHERE name = ?")
                .params(row.displayName(), row.role().name(), row.regionCode(), row.enabled(), now(), by, row.name())
                .update();
    }

    /** Sets the password (hashed here); a one-time one must be changed at the next sign-in. */
    void setPassword(String name, String password, boolean oneTime) {
        jdbc.sql("INSERT INTO account_credential (name, password_hash, must_change_password, changed_at) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                        + "password_hash = EXCLUDED.password_hash, must_change_password = EXCLUDED.must_change_password, changed_at = EXCLUDED.changed_at")
                .params(name, encoder.encode(password), oneTime, now()).update();
    }

    boolean passwordMatches(String name, String password) {
        return jdbc.sql("SELECT password_hash FROM account_credential WHERE name = ?").param(name)
                .query(String.class).optional()
                .map(hash -> encoder.matches(password, hash))
                .orElse(false);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static AccountRow row(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
        return new AccountRow(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getString(4),
                rs.getBoolean(5), rs.getTimestamp(6).toInstant(), rs.getString(7));
    }
}
