package cn.pipelinetracker.query;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;

/**
 * One random step of a project history, for property tests: which operation, on which project, on which day (from a
 * first day), with which amount in cents, and a choice among the operation's variants. The test maps it to an event
 * the aggregate would accept, or to nothing.
 */
public record HistoryStep(int operation, int project, int day, int cents, int choice) {

    /** Histories of up to {@code maxSteps} steps with operations, projects, days and choices from 0 to the bounds. */
    public static Arbitrary<List<HistoryStep>> histories(int operations, int projects, int days, int choices,
                                                         int maxSteps) {
        return Combinators.combine(Arbitraries.integers().between(0, operations),
                        Arbitraries.integers().between(0, projects), Arbitraries.integers().between(0, days),
                        Arbitraries.integers().between(1, 100_000), Arbitraries.integers().between(0, choices))
                .as(HistoryStep::new).list().ofMinSize(0).ofMaxSize(maxSteps);
    }
}
