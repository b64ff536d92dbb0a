package cn.pipelinetracker.platform.security;

import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Set;

/**
 * The authenticated user of the current request, and the region rule: a user acts on and reads only what lies in
 * its region's subtree (an auditor reads everything, as the global audit log already shows it everything). A request
 * naming a region or project outside it is a 403.
 */
public class CurrentUser {

    private final RegionTree regions;
    private final MeterRegistry meters;

    public CurrentUser(RegionTree regions, MeterRegistry meters) {
        this.regions = regions;
        this.meters = meters;
    }

    public PipelineUser get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof PipelineUser user) {
            return user;
        }
        throw new IllegalStateException("no authenticated user");
    }

    /** The user's region and every region below it; an auditor reads everything, whatever its region. */
    public Set<String> subtree() {
        return regions.subtree(regionCode());
    }

    /** The root of what the user may read: its region, or the whole tree for an auditor. */
    public String regionCode() {
        PipelineUser user = get();
        return user.role() == Role.AUDITOR ? regions.root() : user.regionCode();
    }

    public boolean mayAccess(String regionCode) {
        return subtree().contains(regionCode);
    }

    /** Refuses, with a 403, a region the user asked for outside its subtree (naming that region is fine). */
    public void requireRegion(String regionCode) {
        requireAccess(regionCode, Phrase.of("subject.region", "Region " + regionCode, regionCode));
    }

    /** Refuses, with a 403, a project lying outside the user's subtree, without saying where it lies. */
    public void requireProject(String projectId, String regionCode) {
        requireAccess(regionCode, Phrase.of("subject.project", "Project " + projectId, projectId));
    }

    /** As {@link #requireRegion} and {@link #requireProject}, for another kind of thing ({@code what}, English). */
    public void requireAccess(String regionCode, String what) {
        requireAccess(regionCode, Phrase.english(what));
    }

    /**
     * Refuses, with a 403, a region outside the user's subtree. The detail names {@code what} and the user's own
     * region, never the region refused: for a project that would tell where a project of another region lies.
     */
    public void requireAccess(String regionCode, Phrase what) {
        if (!mayAccess(regionCode)) {
            PipelineUser user = get();
            meters.counter("pipeline.security.denied", "reason", "region").increment();
            throw new ProblemException(HttpStatus.FORBIDDEN, "region-forbidden", "Outside your region",
                    Phrase.of("refusal.region-forbidden", what.english() + " lies outside your region "
                            + user.regionCode(), what, user.regionCode()));
        }
    }
}
