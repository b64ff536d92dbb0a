package cn.pipelinetracker.query.history;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One event of a project's history, as stored: nothing is ever edited, corrections are entries of their own.
 *
 * @param position the event's position in the global log
 * @param data     the event's payload as JSON
 */
public record HistoryEntry(long version, long position, String type, Instant recordedAt, String actor, JsonNode data) {
}
