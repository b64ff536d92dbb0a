package cn.pipelinetracker.query.rebuild;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a rebuild leaves out of each projection, exactly as the live processors do: the events an administrator
 * skipped there ({@code dead_letter_skip}), and the projects parked behind an event the projection cannot take (with
 * all their later events, which stay in order). Counts the events left out of at least one projection.
 */
final class LeftOut {

    private final Map<String, Set<String>> skippedGroupsByEvent;
    private final Map<String, Set<String>> parkedProjectsByGroup;
    private long events;

    LeftOut(Map<String, Set<String>> skippedGroupsByEvent) {
        this(skippedGroupsByEvent, new HashMap<>(), 0);
    }

    private LeftOut(Map<String, Set<String>> skippedGroupsByEvent, Map<String, Set<String>> parkedProjectsByGroup,
                    long events) {
        this.skippedGroupsByEvent = skippedGroupsByEvent;
        this.parkedProjectsByGroup = parkedProjectsByGroup;
        this.events = events;
    }

    boolean excludes(String group, String eventId, String projectId) {
        return skippedGroupsByEvent.getOrDefault(eventId, Set.of()).contains(group)
                || projectId != null && parkedProjectsByGroup.getOrDefault(group, Set.of()).contains(projectId);
    }

    void park(String group, String projectId) {
        if (projectId != null) {
            parkedProjectsByGroup.computeIfAbsent(group, g -> new HashSet<>()).add(projectId);
        }
    }

    void countEvent() {
        events++;
    }

    long events() {
        return events;
    }

    /** Takes in what another part of the same rebuild left out (of other projects). */
    void absorb(LeftOut other) {
        other.parkedProjectsByGroup.forEach((group, projects) ->
                parkedProjectsByGroup.computeIfAbsent(group, g -> new HashSet<>()).addAll(projects));
        events += other.events;
    }

    /** A copy to go back to when an attempt that replayed more events is rolled back. */
    LeftOut copy() {
        Map<String, Set<String>> parked = new HashMap<>();
        parkedProjectsByGroup.forEach((group, projects) -> parked.put(group, new HashSet<>(projects)));
        return new LeftOut(skippedGroupsByEvent, parked, events);
    }
}
