package cn.pipelinetracker.deploy.benchmark;

import cn.pipelinetracker.deploy.PipelineTrackerApplication;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A part of the performance harness: skipped unless {@code -Pbenchmark}; the whole application on an embedded
 * PostgreSQL of its own (closed after the part, so parts never share data), checkpoints rare enough to stay out of
 * the figures.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("benchmark")
@DirtiesContext
@SpringBootTest(classes = PipelineTrackerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "pipeline.embedded-database=true",
                "pipeline.data-dir=target/test-data/${random.uuid}",
                "pipeline.audit.checkpoint-interval=PT1H"})
@interface Benchmark {
}
