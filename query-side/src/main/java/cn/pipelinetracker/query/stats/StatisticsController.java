package cn.pipelinetracker.query.stats;

import cn.pipelinetracker.events.Milestone;
import com.fasterxml.jackson.annotation.JsonInclude;
import cn.pipelinetracker.platform.reference.IndustryList;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.security.CurrentUser;
import cn.pipelinetracker.platform.web.ProblemException;
import cn.pipelinetracker.query.position.AwaitPosition;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** The contract's statistics: milestones reached in a period (now or as known then), and the pipeline by stage. */
@RestController
@RequestMapping(path = "/api/v1/stats", produces = "application/json")
public class StatisticsController {

    public record MilestoneStats(Milestone milestone, String regionCode, LocalDate from, LocalDate to,
                                 String industry, String sourceRegion, Instant asOf,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate signedFrom,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate signedTo, long projects, BigDecimal plannedInvestmentYuan,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal fundsInPlaceYuan,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal fundsInPlaceRate) {
    }

    /** 资金到位率: funds in place over planned investment, 4 decimals; none when nothing is planned. */
    private static final int RATE_SCALE = 4;

    public record PipelineStats(String regionCode, List<Pipeline.StageTotal> stages, Pipeline.Totals cancelled) {
    }

    private final MilestoneStatistics statistics;
    private final Pipeline pipeline;
    private final RegionTree regions;
    private final IndustryList industries;
    private final AwaitPosition awaitPosition;
    private final CurrentUser currentUser;

    public StatisticsController(MilestoneStatistics statistics, Pipeline pipeline, RegionTree regions,
                                IndustryList industries, AwaitPosition awaitPosition, CurrentUser currentUser) {
        this.currentUser = currentUser;
        this.statistics = statistics;
        this.pipeline = pipeline;
        this.regions = regions;
        this.industries = industries;
        this.awaitPosition = awaitPosition;
    }

    @GetMapping("/milestones")
    MilestoneStats milestones(@RequestParam String milestone,
                              @RequestParam String regionCode,
                              @RequestParam LocalDate from,
                              @RequestParam LocalDate to,
                              @RequestParam(required = false) String industry,
                              @RequestParam(required = false) String sourceRegion,
                              @RequestParam(required = false) Instant asOf,
                              @RequestParam(required = false) LocalDate signedFrom,
                              @RequestParam(required = false) LocalDate signedTo,
                              @RequestParam(defaultValue = "false") boolean withFunds,
                              @RequestParam(required = false) Long awaitPosition) {
        Milestone which = Arrays.stream(Milestone.values()).filter(m -> m.name().equals(milestone)).findFirst()
                .orElseThrow(() -> ProblemException.invalidField("milestone",
                        "must be one of " + Arrays.toString(Milestone.values())));
        requireKnownRegion(regionCode);
        currentUser.requireRegion(regionCode);
        if (from.isAfter(to)) {
            throw ProblemException.invalidField("to", "must not be before from (" + from + ")");
        }
        if (industry != null && !industries.contains(industry)) {
            throw ProblemException.unknownIndustry(industry);
        }
        if ((signedFrom == null) != (signedTo == null)) {
            throw ProblemException.invalidField(signedFrom == null ? "signedFrom" : "signedTo",
                    "signedFrom and signedTo go together (the cohort of projects signed in that period)");
        }
        if (signedFrom != null && signedFrom.isAfter(signedTo)) {
            throw ProblemException.invalidField("signedTo", "must not be before signedFrom (" + signedFrom + ")");
        }
        if (withFunds && asOf != null) {
            throw ProblemException.invalidField("withFunds",
                    "funds in place are known as of now only: leave out asOf or withFunds");
        }
        this.awaitPosition.await(awaitPosition);
        var signedIn = signedFrom == null ? null : new MilestoneStatistics.Period(signedFrom, signedTo);
        var question = new MilestoneStatistics.Question(which, regions.subtree(regionCode), from, to,
                industry, sourceRegion, asOf, signedIn);
        var answer = statistics.count(question);
        BigDecimal funds = withFunds ? statistics.fundsInPlace(question) : null;
        BigDecimal rate = funds == null || answer.plannedInvestmentYuan().signum() == 0 ? null
                : funds.divide(answer.plannedInvestmentYuan(), RATE_SCALE, RoundingMode.HALF_EVEN);
        return new MilestoneStats(which, regionCode, from, to, industry, sourceRegion, asOf, signedFrom, signedTo,
                answer.projects(), answer.plannedInvestmentYuan(), funds, rate);
    }

    @GetMapping("/pipeline")
    PipelineStats pipeline(@RequestParam(required = false) String regionCode,
                           @RequestParam(required = false) Long awaitPosition) {
        String region = regionCode == null ? currentUser.regionCode() : regionCode;
        requireKnownRegion(region);
        currentUser.requireRegion(region);
        this.awaitPosition.await(awaitPosition);
        var answer = pipeline.of(regions.subtree(region));
        return new PipelineStats(region, answer.stages(), answer.cancelled());
    }

    private void requireKnownRegion(String regionCode) {
        if (!regions.contains(regionCode)) {
            throw ProblemException.unknownRegion(regionCode);
        }
    }
}
