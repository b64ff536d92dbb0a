package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

/**
 * Facts recorded wrong at registration, corrected: each corrected field as a {@link Change} from what was recorded to
 * what is right; a field not corrected is null. A new {@code regionCode} moves the project (its statistics count in
 * the new region from this event's recorded time on); a new {@code projectCode} frees the old one.
 */
@Revision("1")
public record ProjectDetailsCorrectedEvent(
        String projectId, Change name, Change investor, Change industry, Change regionCode, Change projectCode,
        Change sourceRegion, String reason) implements ProjectEvent {

    /** One corrected field: the value recorded before, and the value from now on. */
    public record Change(String before, String after) {
    }

    /** The value a correction sets, or null where it corrects nothing. */
    public static String after(Change change) {
        return change == null ? null : change.after();
    }
}
