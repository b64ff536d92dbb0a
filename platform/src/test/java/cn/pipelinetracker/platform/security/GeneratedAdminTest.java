package cn.pipelinetracker.platform.security;

import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated {@code admin}: created by the first start when no user is configured and no identity provider is,
 * its password in {@code DIR/initial-admin-password}; it signs in until the database keeps an enabled ADMIN account of
 * the root region, and again should that account be disabled.
 */
class GeneratedAdminTest {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final RegionTree regions = RegionTree.bundled();
    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.withSchemas("event-store"));

    @TempDir
    Path dataDir;

    private Users users(List<SecurityProperties.User> configured, boolean noIdentityProvider) {
        return new Users(new SecurityProperties(configured, null, null), regions, encoder, jdbc, dataDir,
                noIdentityProvider);
    }

    private void keepAccount(String name, String role, String region, boolean enabled) {
        jdbc.sql("INSERT INTO account (name, display_name, role, region_code, enabled, created_at, created_by, "
                        + "changed_at, changed_by) VALUES (?, ?, ?, ?, ?, now(), 'test', now(), 'test') "
                        + "ON CONFLICT (name) DO UPDATE SET enabled = EXCLUDED.enabled")
                .params(name, name, role, region, enabled).update();
        jdbc.sql("INSERT INTO account_credential (name, password_hash, must_change_password, changed_at) "
                + "VALUES (?, ?, FALSE, now()) ON CONFLICT DO NOTHING").params(name, encoder.encode(name + "-pw"))
                .update();
    }

    @Test
    void withNoUserConfiguredTheGeneratedAdminSignsInWithThePrintedPassword() throws Exception {
        Users users = users(List.of(), true);

        String password = Files.readString(dataDir.resolve("initial-admin-password")).strip();
        PipelineUser admin = users.find("admin").orElseThrow();
        assertThat(admin.source()).isEqualTo(PipelineUser.Source.GENERATED);
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(encoder.matches(password, admin.getPassword())).isTrue();
        assertThat(users.notKept()).extracting(PipelineUser::name).containsExactly("admin");
    }

    @Test
    void anEnabledRootAdminAccountRetiresTheGeneratedAdminAndDisablingItBringsItBack() {
        Users users = users(List.of(), true);
        keepAccount("zq-admin", "ADMIN", "441200", true);
        keepAccount("zq-clerk", "CLERK", "441200", true);
        assertThat(users.find("admin")).as("a regional admin or another role does not retire it").isPresent();

        keepAccount("chief", "ADMIN", regions.root(), true);
        assertThat(users.find("admin")).isEmpty();
        assertThat(users.notKept()).isEmpty();
        assertThat(users.find("chief")).hasValueSatisfying(chief ->
                assertThat(chief.source()).isEqualTo(PipelineUser.Source.DATABASE));

        keepAccount("chief", "ADMIN", regions.root(), false);
        assertThat(users.find("admin")).isPresent();
    }

    @Test
    void aConfiguredUserOrAnIdentityProviderMeansNoGeneratedAdmin() {
        Users configured = users(List.of(new SecurityProperties.User("alice", "{noop}alice-secret", Role.CLERK,
                "441200")), true);
        Users tokens = users(List.of(), false);

        assertThat(configured.find("admin")).isEmpty();
        assertThat(tokens.find("admin")).isEmpty();
        assertThat(tokens.any()).as("no Basic sign-in with only an identity provider").isFalse();
        assertThat(dataDir.resolve("initial-admin-password")).doesNotExist();
    }
}
