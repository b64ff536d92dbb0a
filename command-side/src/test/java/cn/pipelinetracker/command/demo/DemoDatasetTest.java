package cn.pipelinetracker.command.demo;

import cn.pipelinetracker.events.CampaignBucket;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.platform.reference.IndustryList;
import cn.pipelinetracker.platform.reference.RegionTree;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo dataset itself adds up to the published figures (the HTTP test checks them through the statistics). */
class DemoDatasetTest {

    private static final List<DemoProject> PROJECTS = DemoDataset.projects();
    private static final RegionTree REGIONS = RegionTree.bundled();
    /** The projects voided by a campaign's story (after their enrolment) rather than by their own steps. */
    private static final Set<String> VOIDED_BY_CAMPAIGNS = DemoDataset.campaigns().stream()
            .flatMap(campaign -> Stream.concat(campaign.beforeHold().stream(),
                    campaign.afterHold().stream()))
            .filter(followUp -> followUp.step() instanceof DemoProject.Void)
            .map(DemoCampaign.FollowUp::projectCode).collect(Collectors.toSet());

    private static boolean voided(DemoProject project) {
        return project.voided() || VOIDED_BY_CAMPAIGNS.contains(project.projectCode());
    }

    private static List<DemoProject> counted(String region, Milestone milestone, LocalDate from, LocalDate to) {
        Set<String> subtree = REGIONS.subtree(region);
        Predicate<DemoProject> inPeriod = p -> {
            LocalDate date = p.dateOf(milestone);
            return date != null && !date.isBefore(from) && !date.isAfter(to);
        };
        return PROJECTS.stream().filter(p -> !voided(p) && subtree.contains(p.regionCode())).filter(inPeriod).toList();
    }

    private static BigDecimal total(List<DemoProject> projects) {
        return projects.stream().map(DemoProject::plannedInvestmentYuan).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void foshanHighTechZone2023() {
        var signed = counted("440600-FSHT", Milestone.SIGNED, LocalDate.of(2023, 1, 1), LocalDate.of(2023, 11, 15));
        assertThat(signed).hasSize(52);
        assertThat(total(signed)).isEqualByComparingTo("67500000000");
    }

    @Test
    void zhaoqingFirstHalf2024() {
        var signed = counted("441200", Milestone.SIGNED, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 30));
        assertThat(signed).hasSize(430);
        assertThat(total(signed)).isEqualByComparingTo("78660000000");
    }

    @Test
    void zhaoqingCentralizedEventOfFebruary2023() {
        LocalDate from = LocalDate.of(2023, 2, 1);
        LocalDate to = LocalDate.of(2023, 2, 28);
        var signed = counted("441200", Milestone.SIGNED, from, to);
        var started = counted("441200", Milestone.CONSTRUCTION_STARTED, from, to);
        var producing = counted("441200", Milestone.PRODUCTION_STARTED, from, to);
        Set<DemoProject> all = new HashSet<>(signed);
        all.addAll(started);
        all.addAll(producing);
        assertThat(all).as("each project in one bucket").hasSize(signed.size() + started.size() + producing.size());
        assertThat(all.size()).isGreaterThan(200);
        assertThat(total(signed).add(total(started)).add(total(producing))).isEqualByComparingTo("87670000000");
    }

    @Test
    void agglomerationZoneStartingAreaApril2023() {
        LocalDate from = LocalDate.of(2023, 4, 1);
        LocalDate to = LocalDate.of(2023, 4, 30);
        assertThat(counted("441200-JJQ-SBJ", Milestone.SIGNED, from, to)).hasSize(22);
        assertThat(counted("441200-JJQ-SBJ", Milestone.CONSTRUCTION_STARTED, from, to)).hasSize(9);
    }

    @Test
    void theTwoZhaoqingEventsAreCampaignsOfExactlyTheirProjects() {
        Map<String, DemoProject> byCode = PROJECTS.stream()
                .collect(Collectors.toMap(DemoProject::projectCode, project -> project));
        List<DemoCampaign> campaigns = DemoDataset.campaigns();
        assertThat(campaigns).hasSize(2);

        DemoCampaign q1 = campaigns.get(0);
        assertThat(q1.heldOn()).isEqualTo(LocalDate.of(2023, 2, 10));
        List<DemoProject> announced = q1.enrolments().stream().map(e -> byCode.get(e.projectCode()))
                .filter(p -> !voided(p)).toList();
        assertThat(announced).hasSize(205);
        assertThat(total(announced)).isEqualByComparingTo("87670000000");
        assertThat(q1.enrolments()).hasSize(206).as("the voided duplicate is enrolled too");
        assertThat(q1.beforeHold()).singleElement().as("voided after its enrolment, before the event")
                .matches(f -> f.step() instanceof DemoProject.Void && f.projectCode().endsWith("-DUP"));
        assertThat(q1.enrolments().stream().filter(e -> e.bucket() == CampaignBucket.SIGNING)).hasSize(113);
        assertThat(q1.afterHold()).anyMatch(f -> f.step() instanceof DemoProject.Cancel)
                .anyMatch(f -> f.step() instanceof DemoProject.StartConstruction);

        DemoCampaign startingArea = campaigns.get(1);
        assertThat(startingArea.regionCode()).isEqualTo("441200-JJQ-SBJ");
        assertThat(startingArea.enrolments()).hasSize(22);
        assertThat(startingArea.enrolments().stream().filter(e -> e.bucket() == CampaignBucket.CONSTRUCTION_START))
                .hasSize(9);
        for (DemoCampaign campaign : campaigns) {
            for (DemoCampaign.Enrolment enrolment : campaign.enrolments()) {
                DemoProject project = byCode.get(enrolment.projectCode());
                assertThat(project.dateOf(enrolment.bucket().milestone())).as(enrolment.projectCode())
                        .isNotNull().isBeforeOrEqualTo(campaign.heldOn());
            }
        }
    }

    @Test
    void namedProjectsAreThere() {
        assertThat(PROJECTS).anySatisfy(p -> {
            assertThat(p.name()).contains("明丽达");
            assertThat(p.plannedInvestmentYuan()).isEqualByComparingTo("1000000000");
            assertThat(p.regionCode()).startsWith("4412");
        });
        assertThat(PROJECTS).anySatisfy(p -> {
            assertThat(p.name()).contains("灯塔社区创新中心");
            assertThat(p.plannedInvestmentYuan()).isEqualByComparingTo("530000000");
            assertThat(p.steps()).anySatisfy(step -> assertThat(step).isInstanceOfSatisfying(
                    DemoProject.ReportProgress.class, r -> assertThat(r.percent()).isEqualByComparingTo("62.9")));
        });
    }

    @Test
    void everyProjectIsValidReferenceDataWithAUniqueCode() {
        IndustryList industries = IndustryList.bundled();
        assertThat(PROJECTS).allSatisfy(p -> {
            assertThat(REGIONS.contains(p.regionCode())).as(p.regionCode()).isTrue();
            assertThat(industries.contains(p.industry())).as(p.industry()).isTrue();
            assertThat(p.plannedInvestmentYuan()).isPositive();
        });
        assertThat(PROJECTS.stream().map(DemoProject::projectCode).distinct()).hasSize(PROJECTS.size());
    }
}
