package cn.pipelinetracker.query.stats;

import cn.pipelinetracker.query.projectview.Stage;
import cn.pipelinetracker.events.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The pipeline by stage, from the current project views: active and suspended projects, cancelled ones apart. */
@Repository
public class Pipeline {

    public record StageTotal(Stage stage, long projects, BigDecimal plannedInvestmentYuan) {
    }

    public record Totals(long projects, BigDecimal plannedInvestmentYuan) {
    }

    public record Answer(List<StageTotal> stages, Totals cancelled) {
    }

    private final JdbcClient jdbc;

    public Pipeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Answer of(Collection<String> regionCodes) {
        Map<Stage, StageTotal> byStage = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            byStage.put(stage, new StageTotal(stage, 0, BigDecimal.ZERO));
        }
        String[] regions = regionCodes.toArray(String[]::new);
        jdbc.sql("""
                        SELECT stage, count(*), sum(planned_investment_yuan) FROM project_view
                        WHERE status IN ('ACTIVE', 'SUSPENDED') AND region_code = ANY (?) GROUP BY stage""")
                .param(regions)
                .query(rs -> {
                    Stage stage = Stage.valueOf(rs.getString(1));
                    byStage.put(stage, new StageTotal(stage, rs.getLong(2), Money.ofYuan(rs.getBigDecimal(3)).yuan()));
                });
        Totals cancelled = jdbc.sql("""
                        SELECT count(*), COALESCE(sum(planned_investment_yuan), 0) FROM project_view
                        WHERE status = 'CANCELLED' AND region_code = ANY (?)""")
                .param(regions)
                .query((rs, row) -> new Totals(rs.getLong(1), Money.ofYuan(rs.getBigDecimal(2)).yuan()))
                .single();
        return new Answer(List.copyOf(byStage.values()), cancelled);
    }
}
