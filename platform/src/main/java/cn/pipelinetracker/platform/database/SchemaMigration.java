package cn.pipelinetracker.platform.database;

/**
 * A module's own Flyway migrations, under {@code classpath:db/migration/<name>}, recorded in their own history
 * table: the event store, the command side and the query side each own their tables and evolve them apart, while
 * every process that runs applies the migrations of the modules it contains.
 *
 * @param name  the module's schema name, e.g. {@code event-store}
 * @param order lower runs first (the event store's is 0)
 */
public record SchemaMigration(String name, int order) {

    public String location() {
        return "classpath:db/migration/" + name;
    }

    public String historyTable() {
        return "flyway_history_" + name.replace('-', '_');
    }
}
