package cn.pipelinetracker.command.handling;

import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.reference.RegionTree;

/**
 * One command with everything said beside it: who sends it, how to correlate it, how to recognise a retry, and where
 * it came from. {@code expectedVersion} travels inside the project commands themselves ({@code If-Match}).
 *
 * @param command        a project command (or a registration)
 * @param actor          who sends it; becomes the actor of its events
 * @param correlationId  ties the events to the request they came from
 * @param idempotencyKey the same key again (from the same actor) returns the first outcome; null for none
 * @param fingerprint    what the key covers (a digest of the request); a different one under the same key is refused
 * @param source         where it came from
 */
public record CommandEnvelope(Object command, Actor actor, String correlationId, String idempotencyKey,
                              String fingerprint, CommandSource source) {

    /** Who sends a command, and the region subtree it may act in ({@code regionCode} null: anywhere). */
    public record Actor(String name, String regionCode) {

        /** Refuses, as outside the actor's region subtree, a command on {@code what}, which lies in {@code region}. */
        public void requireRegion(RegionTree regions, String region, Phrase what) {
            if (regionCode != null && !regions.isWithin(region, regionCode)) {
                throw new CommandRefusal(CommandRefusal.Kind.FORBIDDEN, "region-forbidden", null,
                        Phrase.of("refusal.region-forbidden", what.english() + " lies outside your region "
                                + regionCode, what, regionCode));
            }
        }
    }

    /** The same command said the same way, but not covered by the key (one of several commands of a request). */
    public CommandEnvelope withoutIdempotencyKey() {
        return new CommandEnvelope(command, actor, correlationId, null, null, source);
    }

    public CommandEnvelope {
        if ((idempotencyKey == null) != (fingerprint == null)) {
            throw new IllegalArgumentException("an idempotency key goes with the fingerprint of what it covers");
        }
    }
}
