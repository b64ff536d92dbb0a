package cn.pipelinetracker.query.alerts;

/** How serious an alert is (contract: {@code level}); red after the longer threshold. */
public enum AlertLevel {
    YELLOW, RED
}
