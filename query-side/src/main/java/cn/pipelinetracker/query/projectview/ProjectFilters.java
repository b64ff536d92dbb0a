package cn.pipelinetracker.query.projectview;

import cn.pipelinetracker.platform.reference.IndustryList;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.security.CurrentUser;
import cn.pipelinetracker.platform.web.ProblemException;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * The filters of the project list ({@code GET /api/v1/projects}) checked and made into a {@link ProjectViews.Filter}
 * within the user's region subtree; the ledger export takes the same ones.
 */
@Component
public class ProjectFilters {

    private final RegionTree regions;
    private final IndustryList industries;
    private final CurrentUser currentUser;

    public ProjectFilters(RegionTree regions, IndustryList industries, CurrentUser currentUser) {
        this.regions = regions;
        this.industries = industries;
        this.currentUser = currentUser;
    }

    public ProjectViews.Filter of(String regionCode, Stage stage, ProjectStatus status, String industry, String q,
                                  LocalDate signedFrom, LocalDate signedTo) {
        if (regionCode != null && !regions.contains(regionCode)) {
            throw ProblemException.unknownRegion(regionCode);
        }
        if (regionCode != null) {
            currentUser.requireRegion(regionCode);
        }
        if (industry != null && !industries.contains(industry)) {
            throw ProblemException.unknownIndustry(industry);
        }
        if (signedFrom != null && signedTo != null && signedFrom.isAfter(signedTo)) {
            throw ProblemException.invalidField("signedTo", "must not be before signedFrom (" + signedFrom + ")");
        }
        String text = q == null || q.isBlank() ? null : q.strip();
        return new ProjectViews.Filter(regions.subtree(regionCode == null ? currentUser.regionCode() : regionCode),
                stage, status, industry, text, signedFrom, signedTo);
    }
}
