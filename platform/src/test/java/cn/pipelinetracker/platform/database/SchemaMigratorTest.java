package cn.pipelinetracker.platform.database;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaMigratorTest {

    @Test
    void aDatabaseThatNeverAnswersEndsTheStartWithAPlainMessage() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var nowhere = new DriverManagerDataSource("jdbc:postgresql://localhost:" + closedPort + "/none", "x", "y");
        var migrator = new SchemaMigrator(nowhere, List.of(new SchemaMigration("event-store", 0)),
                Duration.ofSeconds(2));

        assertThatThrownBy(migrator::afterPropertiesSet)
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("The database did not answer within 2 s");
    }
}
