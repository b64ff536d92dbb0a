package cn.pipelinetracker.query.alerts;

import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.security.CurrentUser;
import cn.pipelinetracker.platform.web.ProblemException;
import cn.pipelinetracker.platform.web.ProblemMessages;
import cn.pipelinetracker.query.position.AwaitPosition;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The contract's alerts: {@code GET /api/v1/alerts?regionCode=&level=} — the projects of the user's subtree (or of the
 * region asked, inside it) that a rule flags today, "today" being the {@code pipeline.zone} calendar.
 */
@RestController
@RequestMapping(path = "/api/v1/alerts", produces = "application/json")
@EnableConfigurationProperties(AlertSettings.class)
public class AlertController {

    static final int MAX_PROJECTS = 200;
    static final int MAX_LIMIT = 10_000;

    private final Alerts alerts;
    private final RegionTree regions;
    private final CurrentUser currentUser;
    private final AwaitPosition awaitPosition;
    private final ProblemMessages messages;
    private final Clock clock;

    public AlertController(Alerts alerts, RegionTree regions, CurrentUser currentUser, AwaitPosition awaitPosition,
                           ProblemMessages messages, Clock clock) {
        this.alerts = alerts;
        this.regions = regions;
        this.currentUser = currentUser;
        this.awaitPosition = awaitPosition;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * The contract's list; beyond it, {@code projectId} (repeatable, at most {@value #MAX_PROJECTS}: only those
     * projects' alerts, as a page of a project list needs) and {@code limit} (the first ones of the list, at most
     * {@value #MAX_LIMIT}: a province's whole list at 1 000 000 projects is tens of megabytes).
     */
    @GetMapping
    List<Alert> alerts(@RequestParam(required = false) String regionCode,
                       @RequestParam(required = false) AlertLevel level,
                       @RequestParam(required = false) Long awaitPosition,
                       @RequestParam(required = false) List<String> projectId,
                       @RequestParam(required = false) Integer limit,
                       HttpServletRequest request) {
        List<String> projects = projectId == null ? List.of() : projectId;
        if (projects.size() > MAX_PROJECTS) {
            throw ProblemException.invalidField("projectId", Phrase.of("alert.too-many-projects",
                    "at most " + MAX_PROJECTS + " projects at once", String.valueOf(MAX_PROJECTS)));
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw ProblemException.invalidField("limit", Phrase.of("alert.limit",
                    "must be between 1 and " + MAX_LIMIT, String.valueOf(MAX_LIMIT)));
        }
        String region = allowedRegion(regionCode, awaitPosition);
        Locale locale = messages.localeOf(request);
        return alerts.of(regions.subtree(region), level, LocalDate.now(clock), projects, limit).stream()
                .map(found -> new Alert(found.projectId(), found.name(), found.regionCode(), found.rule(),
                        found.level(), found.since(), messages.text(found.detail(), locale)))
                .toList();
    }

    /**
     * Beyond the contract: {@code GET /api/v1/alerts/counts?regionCode=} → {@code {"RED":n,"YELLOW":m}}, what the list
     * would hold per level, for the dashboard's first look.
     */
    @GetMapping("/counts")
    Map<AlertLevel, Long> counts(@RequestParam(required = false) String regionCode,
                                 @RequestParam(required = false) Long awaitPosition) {
        return alerts.counts(regions.subtree(allowedRegion(regionCode, awaitPosition)), LocalDate.now(clock));
    }

    private String allowedRegion(String regionCode, Long awaitPosition) {
        String region = regionCode == null ? currentUser.regionCode() : regionCode;
        if (!regions.contains(region)) {
            throw ProblemException.unknownRegion(region);
        }
        currentUser.requireRegion(region);
        this.awaitPosition.await(awaitPosition);
        return region;
    }
}
