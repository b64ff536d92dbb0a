package cn.pipelinetracker.query.projectview;

import cn.pipelinetracker.platform.security.CurrentUser;
import cn.pipelinetracker.platform.web.ProblemException;
import cn.pipelinetracker.query.history.HistoryEntry;
import cn.pipelinetracker.query.history.ProjectHistories;
import cn.pipelinetracker.query.position.AwaitPosition;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The contract's project queries: one project (with its version as ETag), the filtered list, the history. */
@RestController
@RequestMapping(path = "/api/v1/projects", produces = "application/json")
public class ProjectQueryController {

    /** A page of the project list, filtered to the user's region subtree. {@code page} counts from 0. */
    public record ProjectPage(List<ProjectView> items, int page, int size, long total) {
    }

    static final int MAX_PAGE_SIZE = 200;
    /** {@code sort}: newest registration first (default) or largest planned investment first. */
    private static final Map<String, ProjectViews.Order> SORTS = Map.of(
            "registeredOn", ProjectViews.Order.REGISTERED_ON,
            "plannedInvestmentYuan", ProjectViews.Order.PLANNED_INVESTMENT);

    private final ProjectViews views;
    private final ProjectHistories histories;
    private final AwaitPosition awaitPosition;
    private final ProjectFilters filters;
    private final CurrentUser currentUser;

    public ProjectQueryController(ProjectViews views, ProjectHistories histories, AwaitPosition awaitPosition,
                                  ProjectFilters filters, CurrentUser currentUser) {
        this.currentUser = currentUser;
        this.views = views;
        this.histories = histories;
        this.awaitPosition = awaitPosition;
        this.filters = filters;
    }

    @GetMapping("/{id}")
    ResponseEntity<ProjectView> project(@PathVariable String id, @RequestParam(required = false) Long awaitPosition) {
        ProjectView view = visibleAfter(id, awaitPosition);
        return ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view);
    }

    @GetMapping
    ProjectPage list(@RequestParam(required = false) String regionCode,
                     @RequestParam(required = false) Stage stage,
                     @RequestParam(required = false) ProjectStatus status,
                     @RequestParam(required = false) String industry,
                     @RequestParam(required = false) String q,
                     @RequestParam(required = false) LocalDate signedFrom,
                     @RequestParam(required = false) LocalDate signedTo,
                     @RequestParam(defaultValue = "registeredOn") String sort,
                     @RequestParam(defaultValue = "0") int page,
                     @RequestParam(defaultValue = "20") int size,
                     @RequestParam(required = false) Long awaitPosition) {
        var filter = filters.of(regionCode, stage, status, industry, q, signedFrom, signedTo);
        if (page < 0) {
            throw ProblemException.invalidField("page", "must be 0 or more (pages count from 0)");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.invalidField("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        ProjectViews.Order order = SORTS.get(sort);
        if (order == null) {
            throw ProblemException.invalidField("sort", "must be one of " + SORTS.keySet().stream().sorted().toList());
        }
        this.awaitPosition.await(awaitPosition);
        ProjectViews.Page result = views.list(filter, order, page, size);
        return new ProjectPage(result.items(), page, size, result.total());
    }

    @GetMapping("/{id}/history")
    List<HistoryEntry> history(@PathVariable String id, @RequestParam(required = false) Long awaitPosition) {
        visibleAfter(id, awaitPosition);
        List<HistoryEntry> entries = histories.of(id.toLowerCase());
        if (entries.isEmpty()) {
            throw notFound(id);
        }
        return entries;
    }

    /**
     * The project as of {@code awaitPosition}, if the user may see it. A project already known outside the user's
     * region is refused before any wait; one not known yet is looked up again after it.
     */
    private ProjectView visibleAfter(String id, Long position) {
        Optional<ProjectView> found = views.find(id.toLowerCase());
        if (position != null) {
            found.ifPresent(known -> currentUser.requireProject(id, known.regionCode()));
            this.awaitPosition.await(position);
            found = views.find(id.toLowerCase());
        }
        ProjectView view = found.orElseThrow(() -> notFound(id));
        currentUser.requireProject(id, view.regionCode());
        return view;
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "project-not-found", "Project not found",
                "No project with id " + id);
    }
}
