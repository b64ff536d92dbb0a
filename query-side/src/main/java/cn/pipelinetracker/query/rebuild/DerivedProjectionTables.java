package cn.pipelinetracker.query.rebuild;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * Tables derived from the base projection tables (pre-aggregated totals, counts): a rebuild creates them fresh with
 * the others, refills them once the base tables are loaded and indexed, lets the catch-up keep them as the live
 * processors do, and swaps them in with the others (decision 0009). A bean of this type is all it takes.
 */
public interface DerivedProjectionTables {

    /** The tables, in the order the live writers lock them (after the base tables). */
    List<String> tables();

    /**
     * Fills the empty fresh tables from the freshly loaded base tables (an {@code INSERT … SELECT … GROUP BY}), with
     * unqualified names: the rebuild runs it in a transaction whose {@code search_path} puts schema {@code rebuild}
     * first.
     */
    void refill(JdbcClient jdbc);
}
