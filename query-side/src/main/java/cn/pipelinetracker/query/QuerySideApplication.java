package cn.pipelinetracker.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Map;

/** The query side alone: event processors, projections and REST queries on the PostgreSQL of spring.datasource.url. */
@SpringBootApplication
public class QuerySideApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(QuerySideApplication.class);
        application.setDefaultProperties(Map.of("spring.application.name", "pipeline-query-side"));
        application.run(args);
    }
}
