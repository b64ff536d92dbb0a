package cn.pipelinetracker.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.ZoneId;

/**
 * The {@code pipeline.*} settings every process shares.
 *
 * @param dataDir          where the embedded PostgreSQL (and other local state) lives
 * @param embeddedDatabase whether to start an embedded PostgreSQL when no {@code spring.datasource.url} is given
 * @param zone             the zone whose calendar decides "today" for milestone dates (no future dates)
 */
@ConfigurationProperties("pipeline")
public record PipelineProperties(Path dataDir, boolean embeddedDatabase, ZoneId zone) {

    public PipelineProperties {
        if (dataDir == null) {
            dataDir = Path.of(System.getProperty("user.home"), ".pipeline-tracker");
        }
        if (zone == null) {
            zone = ZoneId.of("Asia/Shanghai");
        }
    }
}
