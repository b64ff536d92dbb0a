package cn.pipelinetracker.query.publication;

import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.security.CurrentUser;
import cn.pipelinetracker.platform.web.ProblemException;
import cn.pipelinetracker.query.position.AwaitPosition;
import cn.pipelinetracker.query.publication.Restatements.Change;
import cn.pipelinetracker.query.publication.Restatements.Publication;
import cn.pipelinetracker.query.stats.MilestoneStatistics.Answer;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** The contract's published figures (with their restatements) and the months closed, for the user's subtree. */
@RestController
public class PublicationController {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuestionView(Milestone milestone, String regionCode, LocalDate from, LocalDate to, String industry,
                               String sourceRegion) {
    }

    public record Listed(String publicationId, String title, QuestionView question, Instant publishedAt,
                         String publishedBy, long position, String periodId, Answer published, Answer current,
                         boolean restated) {
    }

    public record Explained(String publicationId, String title, QuestionView question, Instant publishedAt,
                            String publishedBy, long position, String periodId, Answer published, Answer current,
                            boolean restated, List<Change> changes) {
    }

    public record PeriodView(String regionCode, String month, String status, Instant closedAt, String closedBy,
                             Instant reopenedAt, String reopenedBy, String reopenReason) {
    }

    private final Restatements restatements;
    private final RegionTree regions;
    private final CurrentUser currentUser;
    private final AwaitPosition awaitPosition;
    private final JdbcClient jdbc;

    public PublicationController(Restatements restatements, RegionTree regions, CurrentUser currentUser,
                                 AwaitPosition awaitPosition, JdbcClient jdbc) {
        this.restatements = restatements;
        this.regions = regions;
        this.currentUser = currentUser;
        this.awaitPosition = awaitPosition;
        this.jdbc = jdbc;
    }

    @GetMapping(path = "/api/v1/publications", produces = "application/json")
    List<Listed> list(@RequestParam(required = false) String regionCode,
                      @RequestParam(required = false) Long awaitPosition) {
        Set<String> subtree = subtreeAsked(regionCode);
        this.awaitPosition.await(awaitPosition);
        return restatements.listed(subtree).stream().map(p -> {
            Answer current = restatements.current(p, regions.subtree(p.question().regionCode()));
            return new Listed(p.publicationId(), p.title(), view(p), p.publishedAt(), p.publishedBy(), p.position(),
                    p.periodId(), p.published(), current, differs(p.published(), current));
        }).toList();
    }

    @GetMapping(path = "/api/v1/publications/{id}", produces = "application/json")
    Explained one(@PathVariable String id, @RequestParam(required = false) Long awaitPosition) {
        this.awaitPosition.await(awaitPosition);
        Publication p = restatements.find(id).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                "publication-not-found", "Publication not found",
                Phrase.of("problem.publication-not-found", "No publication with id " + id, id)));
        currentUser.requireRegion(p.question().regionCode());
        Set<String> subtree = regions.subtree(p.question().regionCode());
        Answer current = restatements.current(p, subtree);
        return new Explained(p.publicationId(), p.title(), view(p), p.publishedAt(), p.publishedBy(), p.position(),
                p.periodId(), p.published(), current, differs(p.published(), current),
                restatements.changes(p, subtree));
    }

    @GetMapping(path = "/api/v1/periods", produces = "application/json")
    List<PeriodView> periods(@RequestParam(required = false) String regionCode,
                             @RequestParam(required = false) Long awaitPosition) {
        Set<String> subtree = subtreeAsked(regionCode);
        this.awaitPosition.await(awaitPosition);
        return jdbc.sql("""
                        SELECT region_code, month, status, closed_at, closed_by, reopened_at, reopened_by, reopen_reason
                        FROM period_view WHERE region_code = ANY (?) ORDER BY month DESC, region_code""")
                .param(subtree.toArray(String[]::new))
                .query((rs, row) -> new PeriodView(rs.getString(1), rs.getString(2), rs.getString(3),
                        instant(rs.getTimestamp(4)), rs.getString(5), instant(rs.getTimestamp(6)), rs.getString(7),
                        rs.getString(8)))
                .list();
    }

    private Set<String> subtreeAsked(String regionCode) {
        String region = regionCode == null ? currentUser.regionCode() : regionCode;
        if (!regions.contains(region)) {
            throw ProblemException.unknownRegion(region);
        }
        currentUser.requireRegion(region);
        return regions.subtree(region);
    }

    private static QuestionView view(Publication p) {
        var q = p.question();
        return new QuestionView(q.milestone(), q.regionCode(), q.from(), q.to(), q.industry(), q.sourceRegion());
    }

    private static boolean differs(Answer published, Answer current) {
        return published.projects() != current.projects()
                || published.plannedInvestmentYuan().compareTo(current.plannedInvestmentYuan()) != 0;
    }

    private static Instant instant(java.sql.Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
