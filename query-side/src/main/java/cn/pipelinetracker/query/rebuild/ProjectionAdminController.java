package cn.pipelinetracker.query.rebuild;

import cn.pipelinetracker.platform.web.ProblemException;
import cn.pipelinetracker.query.position.ProjectionPositions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The contract's projection administration: start a rebuild, and see each projection's position, lag and progress. */
@RestController
@RequestMapping(path = "/api/v1/admin/projections", produces = "application/json")
public class ProjectionAdminController {

    public record ProjectionStatus(String name, long position, long lag, String status, double progress) {
    }

    public record LastRebuild(String rebuildId, Instant startedAt, Instant finishedAt, long totalEvents,
                              long processedEvents, Double eventsPerSecond, Long secondsLeft, String failure,
                              long skippedEvents, ProjectionRebuilds.Phase phase) {
    }

    public record Overview(List<ProjectionStatus> projections, LastRebuild lastRebuild) {
    }

    private final ProjectionRebuilds rebuilds;
    private final ProjectionPositions positions;

    public ProjectionAdminController(ProjectionRebuilds rebuilds, ProjectionPositions positions) {
        this.rebuilds = rebuilds;
        this.positions = positions;
    }

    @PostMapping("/rebuild")
    ResponseEntity<Map<String, String>> rebuild() {
        String id = rebuilds.start().orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT,
                "rebuild-running", "A rebuild is running", "A projection rebuild is already running: "
                + rebuilds.last().map(ProjectionRebuilds.Rebuild::rebuildId).orElse("?")));
        return ResponseEntity.accepted().body(Map.of("rebuildId", id));
    }

    @GetMapping
    Overview projections() {
        long head = positions.head();
        var last = rebuilds.last();
        boolean rebuilding = last.map(rebuild -> rebuild.finishedAt() == null).orElse(false);
        double progress = last.map(ProjectionRebuilds.Rebuild::progress).orElse(1.0);
        List<ProjectionStatus> projections = positions.processorNames().stream().sorted().map(name -> {
            long position = positions.positionOf(name);
            return new ProjectionStatus(name, position, Math.max(0, head - position), rebuilding ? "REBUILDING" : "LIVE",
                    rebuilding ? progress : 1.0);
        }).toList();
        return new Overview(projections, last.map(rebuild -> new LastRebuild(rebuild.rebuildId(),
                rebuild.startedAt(), rebuild.finishedAt(), rebuild.totalEvents(), rebuild.processedEvents(),
                rebuild.eventsPerSecond(), secondsLeft(rebuild), rebuild.failure(),
                rebuild.skippedEvents(), rebuild.phase())).orElse(null));
    }

    private static Long secondsLeft(ProjectionRebuilds.Rebuild rebuild) {
        if (rebuild.finishedAt() != null) {
            return 0L;
        }
        if (rebuild.eventsPerSecond() == null || rebuild.eventsPerSecond() <= 0) {
            return null;
        }
        return (long) Math.ceil(Math.max(0, rebuild.totalEvents() - rebuild.processedEvents())
                / rebuild.eventsPerSecond());
    }
}
