package cn.pipelinetracker.query.campaign;

import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.security.CurrentUser;
import cn.pipelinetracker.platform.web.ProblemException;
import cn.pipelinetracker.query.position.AwaitPosition;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * The contract's campaign queries: {@code GET /api/v1/campaigns?regionCode=} (the subtree's campaigns, newest first)
 * and {@code GET /api/v1/campaigns/{id}}, both now or, with {@code asOf=<instant>}, as the system knew them then.
 */
@RestController
@RequestMapping(path = "/api/v1/campaigns", produces = "application/json")
public class CampaignQueryController {

    private final Campaigns campaigns;
    private final RegionTree regions;
    private final CurrentUser currentUser;
    private final AwaitPosition awaitPosition;

    public CampaignQueryController(Campaigns campaigns, RegionTree regions, CurrentUser currentUser,
                                   AwaitPosition awaitPosition) {
        this.campaigns = campaigns;
        this.regions = regions;
        this.currentUser = currentUser;
        this.awaitPosition = awaitPosition;
    }

    @GetMapping
    List<CampaignView> list(@RequestParam(required = false) String regionCode,
                            @RequestParam(required = false) Instant asOf,
                            @RequestParam(required = false) Long awaitPosition) {
        String region = regionCode == null ? currentUser.regionCode() : regionCode;
        if (!regions.contains(region)) {
            throw ProblemException.unknownRegion(region);
        }
        currentUser.requireRegion(region);
        this.awaitPosition.await(awaitPosition);
        return campaigns.inRegions(regions.subtree(region), asOf);
    }

    /**
     * A campaign already known outside the user's region is refused before any wait, as projects are, and before an
     * answer as of an instant before it was planned (not found then).
     */
    @GetMapping("/{id}")
    CampaignView campaign(@PathVariable String id, @RequestParam(required = false) Instant asOf,
                          @RequestParam(required = false) Long awaitPosition) {
        String campaignId = id.toLowerCase();
        if (awaitPosition != null || asOf != null) {
            campaigns.regionOf(campaignId).ifPresent(region -> requireCampaign(campaignId, region));
            this.awaitPosition.await(awaitPosition);
        }
        CampaignView view = campaigns.find(campaignId, asOf).orElseThrow(() -> new ProblemException(
                HttpStatus.NOT_FOUND, "campaign-not-found", "Campaign not found",
                Phrase.of("refusal.campaign-not-found", "No campaign with id " + id, id)));
        requireCampaign(campaignId, view.regionCode());
        return view;
    }

    /** Beyond the contract, for the pages: the campaign's projects, those not started yet first (oldest first). */
    @GetMapping("/{id}/projects")
    List<Campaigns.EnrolledProject> projects(@PathVariable String id,
                                             @RequestParam(required = false) Long awaitPosition) {
        CampaignView campaign = campaign(id, null, awaitPosition);
        return campaigns.projectsOf(campaign.campaignId());
    }

    private void requireCampaign(String campaignId, String region) {
        currentUser.requireAccess(region, Phrase.of("subject.campaign", "Campaign " + campaignId, campaignId));
    }
}
