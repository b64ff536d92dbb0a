package cn.pipelinetracker.query.stats;

import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Counts and sums milestone facts: now, or as known at an instant. */
@Repository
public class MilestoneStatistics {

    /** What to count; {@code industry}, {@code sourceRegion} and {@code asOf} may be null. */
    public record Question(Milestone milestone, Collection<String> regionCodes, LocalDate from, LocalDate to,
                           String industry, String sourceRegion, Instant asOf) {
    }

    public record Answer(long projects, BigDecimal plannedInvestmentYuan) {
    }

    private final JdbcClient jdbc;

    public MilestoneStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Answer count(Question question) {
        StringBuilder sql = new StringBuilder("""
                SELECT count(*), COALESCE(sum(planned_investment_yuan), 0) FROM milestone_fact
                WHERE milestone = ? AND region_code = ANY (?) AND milestone_date BETWEEN ? AND ?""");
        List<Object> params = new ArrayList<>(List.of(question.milestone().name(),
                question.regionCodes().toArray(String[]::new), question.from(), question.to()));
        if (question.industry() != null) {
            sql.append(" AND industry = ?");
            params.add(question.industry());
        }
        if (question.sourceRegion() != null) {
            sql.append(" AND source_region = ?");
            params.add(question.sourceRegion());
        }
        if (question.asOf() == null) {
            sql.append(" AND superseded_at IS NULL");
        } else {
            Timestamp asOf = Timestamp.from(question.asOf());
            sql.append(" AND known_from <= ? AND (superseded_at IS NULL OR superseded_at > ?)");
            params.add(asOf);
            params.add(asOf);
        }
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, row) -> new Answer(rs.getLong(1), Money.ofYuan(rs.getBigDecimal(2)).yuan()))
                .single();
    }
}
