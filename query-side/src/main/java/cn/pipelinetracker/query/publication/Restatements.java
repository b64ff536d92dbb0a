package cn.pipelinetracker.query.publication;

import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.query.stats.MilestoneStatistics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Published figures and why today's answer differs from each (docs/decisions/0019-publications-and-close.md): the
 * published answer is the one the publication's event holds, the current one is the milestone statistics' answer
 * now, and the difference is explained project by project from {@code publication_project_state}, whose rows carry
 * the event that changed each project's state. A project's contribution (1 and its planned investment when the
 * question counts it, nothing otherwise) at the publication's position is followed through every later row; each row
 * that changes it is one change, caused by that row's event. The changes telescope: they add up to the project's
 * contribution now minus its contribution then, and over all projects to current − published.
 */
@Repository
public class Restatements {

    public record Question(Milestone milestone, String regionCode, LocalDate from, LocalDate to, String industry,
                           String sourceRegion) {
    }

    public record Publication(String publicationId, String title, Question question, Instant publishedAt,
                              String publishedBy, long position, String periodId,
                              MilestoneStatistics.Answer published) {
    }

    public enum Effect { ADDED, REMOVED, AMOUNT_CHANGED }

    public record Cause(long position, String type, Instant recordedAt, String actor, String reason) {
    }

    public record Change(String projectId, String name, Effect effect, long projectsDelta, BigDecimal yuanDelta,
                         Cause cause) {
    }

    private record State(String projectId, long position, Cause cause, String regionCode, String industry,
                         String sourceRegion, BigDecimal planned, boolean voided, LocalDate[] dates) {
    }

    private static final String PUBLICATION_COLUMNS = "publication_id, title, milestone, region_code, from_date, "
            + "to_date, industry, source_region, published_at, published_by, position, period_id, projects, "
            + "planned_investment_yuan";

    private final JdbcClient jdbc;
    private final MilestoneStatistics statistics;

    public Restatements(JdbcClient jdbc, MilestoneStatistics statistics) {
        this.jdbc = jdbc;
        this.statistics = statistics;
    }

    public Optional<Publication> find(String publicationId) {
        return jdbc.sql("SELECT " + PUBLICATION_COLUMNS + " FROM publication_view WHERE publication_id = ?")
                .param(publicationId).query(Restatements::publication).optional();
    }

    /** The publications of questions about {@code regionCodes}, newest first. */
    public List<Publication> listed(Collection<String> regionCodes) {
        return jdbc.sql("SELECT " + PUBLICATION_COLUMNS + " FROM publication_view WHERE region_code = ANY (?) "
                        + "ORDER BY published_at DESC, publication_id")
                .param(regionCodes.toArray(String[]::new)).query(Restatements::publication).list();
    }

    /** Today's answer to a publication's question, {@code subtree} being its region's subtree. */
    public MilestoneStatistics.Answer current(Publication publication, Collection<String> subtree) {
        Question q = publication.question();
        return statistics.count(new MilestoneStatistics.Question(q.milestone(), subtree, q.from(), q.to(),
                q.industry(), q.sourceRegion(), null, null));
    }

    /** Every change of the answer since the publication, in the order of the events that caused them. */
    public List<Change> changes(Publication publication, Collection<String> subtree) {
        List<State> states = jdbc.sql("""
                        SELECT s.project_id, s.position, s.event_type, s.recorded_at, s.actor, s.reason, s.region_code,
                               s.industry, s.source_region, s.planned_investment_yuan, s.voided, s.registered_on,
                               s.signed_on, s.construction_started_on, s.construction_completed_on,
                               s.production_started_on
                        FROM publication_project_state s
                        WHERE s.project_id IN (SELECT project_id FROM publication_project_state
                                               WHERE region_code = ANY (?))
                          AND s.project_id IN (SELECT project_id FROM publication_project_state WHERE position > ?)
                        ORDER BY s.project_id, s.version""")
                .params(subtree.toArray(String[]::new), publication.position())
                .query(Restatements::state).list();
        List<Change> changes = new ArrayList<>();
        Contribution before = Contribution.NONE;
        String project = null;
        for (State state : states) {
            if (!state.projectId().equals(project)) {
                project = state.projectId();
                before = Contribution.NONE;
            }
            Contribution now = contribution(state, publication.question(), subtree);
            if (state.position() > publication.position() && !now.same(before)) {
                changes.add(new Change(state.projectId(), null, effect(before, now),
                        now.projects() - before.projects(), now.yuan().subtract(before.yuan()), state.cause()));
            }
            before = now;
        }
        changes.sort(Comparator.comparingLong((Change change) -> change.cause().position()));
        return named(changes);
    }

    private record Contribution(long projects, BigDecimal yuan) {
        static final Contribution NONE = new Contribution(0, Money.ZERO.yuan());

        boolean same(Contribution other) {
            return projects == other.projects && yuan.compareTo(other.yuan) == 0;
        }
    }

    private static Contribution contribution(State state, Question question, Collection<String> subtree) {
        LocalDate date = state.dates()[question.milestone().ordinal()];
        boolean counted = !state.voided() && subtree.contains(state.regionCode())
                && (question.industry() == null || question.industry().equals(state.industry()))
                && (question.sourceRegion() == null || question.sourceRegion().equals(state.sourceRegion()))
                && date != null && !date.isBefore(question.from()) && !date.isAfter(question.to());
        return counted ? new Contribution(1, Money.ofYuan(state.planned()).yuan()) : Contribution.NONE;
    }

    private static Effect effect(Contribution before, Contribution now) {
        if (before.projects() == now.projects()) {
            return Effect.AMOUNT_CHANGED;
        }
        return now.projects() > before.projects() ? Effect.ADDED : Effect.REMOVED;
    }

    /** The changes with each project's current name (the project view's, when it has the project). */
    private List<Change> named(List<Change> changes) {
        if (changes.isEmpty()) {
            return changes;
        }
        var names = new java.util.HashMap<String, String>();
        jdbc.sql("SELECT project_id, name FROM project_view WHERE project_id = ANY (?)")
                .param(changes.stream().map(Change::projectId).distinct().toArray(String[]::new))
                .query(rs -> {
                    names.put(rs.getString(1), rs.getString(2));
                });
        return changes.stream().map(c -> new Change(c.projectId(), names.get(c.projectId()), c.effect(),
                c.projectsDelta(), c.yuanDelta(), c.cause())).toList();
    }

    private static Publication publication(ResultSet rs, int row) throws SQLException {
        String industry = rs.getString(7);
        return new Publication(rs.getString(1), rs.getString(2),
                new Question(Milestone.valueOf(rs.getString(3)), rs.getString(4), rs.getObject(5, LocalDate.class),
                        rs.getObject(6, LocalDate.class), industry, rs.getString(8)),
                rs.getTimestamp(9).toInstant(), rs.getString(10), rs.getLong(11), rs.getString(12),
                new MilestoneStatistics.Answer(rs.getLong(13), Money.ofYuan(rs.getBigDecimal(14)).yuan()));
    }

    private static State state(ResultSet rs, int row) throws SQLException {
        LocalDate[] dates = new LocalDate[Milestone.values().length];
        dates[Milestone.REGISTERED.ordinal()] = rs.getObject(12, LocalDate.class);
        dates[Milestone.SIGNED.ordinal()] = rs.getObject(13, LocalDate.class);
        dates[Milestone.CONSTRUCTION_STARTED.ordinal()] = rs.getObject(14, LocalDate.class);
        dates[Milestone.CONSTRUCTION_COMPLETED.ordinal()] = rs.getObject(15, LocalDate.class);
        dates[Milestone.PRODUCTION_STARTED.ordinal()] = rs.getObject(16, LocalDate.class);
        return new State(rs.getString(1), rs.getLong(2),
                new Cause(rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5),
                        rs.getString(6)),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getBigDecimal(10), rs.getBoolean(11), dates);
    }
}
