package cn.pipelinetracker.platform.reference;

import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.RegionCode;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceDataTest {

    private final RegionTree regions = RegionTree.bundled();
    private final IndustryList industries = IndustryList.bundled();

    @Test
    void theTreeHasOneRootAndParentsComeBeforeChildren() {
        Set<String> seen = new HashSet<>();
        for (Region region : regions.all()) {
            if (region.parentCode() == null) {
                assertThat(region.code()).isEqualTo("440000");
                assertThat(region.kind()).isEqualTo(RegionKind.PROVINCE);
            } else {
                assertThat(seen).as(region.code()).contains(region.parentCode());
            }
            assertThat(RegionCode.isWellFormed(region.code())).as(region.code()).isTrue();
            seen.add(region.code());
        }
    }

    @Test
    void theContractsDivisionsAreThereWithTheirGbCodes() {
        assertThat(regions.find("441200")).hasValueSatisfying(r -> {
            assertThat(r.nameZh()).isEqualTo("肇庆市");
            assertThat(r.kind()).isEqualTo(RegionKind.CITY);
            assertThat(r.parentCode()).isEqualTo("440000");
        });
        assertThat(Set.of("440100", "440103", "440112", "440600", "441202", "441203", "441204", "441284"))
                .allSatisfy(code -> assertThat(regions.contains(code)).as(code).isTrue());
    }

    @Test
    void zonesAndParksHangUnderTheirDivision() {
        assertThat(regions.find("440600-FSHT")).hasValueSatisfying(r -> {
            assertThat(r.kind()).isEqualTo(RegionKind.ZONE);
            assertThat(r.parentCode()).isEqualTo("440600");
        });
        assertThat(regions.subtree("440600")).contains("440600-FSHT", "440600-FSHT-NH", "440605")
                .doesNotContain("441200");
        assertThat(regions.subtree("441200")).contains("441200-JJQ", "441200-JJQ-SBJ", "441284");
        assertThat(regions.subtree("440000")).hasSize(regions.all().size());
        assertThat(regions.subtree("441200-JJQ-SBJ")).containsExactly("441200-JJQ-SBJ");
    }

    @Test
    void aRegionIsWithinExactlyTheRegionsWhoseSubtreeHoldsIt() {
        for (Region ancestor : regions.all()) {
            Set<String> subtree = regions.subtree(ancestor.code());
            for (Region region : regions.all()) {
                assertThat(regions.isWithin(region.code(), ancestor.code()))
                        .as("%s within %s", region.code(), ancestor.code()).isEqualTo(subtree.contains(region.code()));
            }
        }
        assertThat(regions.isWithin("999999", "440000")).isFalse();
    }

    @Test
    void industriesHaveWellFormedCodesAndBothNames() {
        assertThat(industries.all()).isNotEmpty().allSatisfy(industry -> {
            assertThat(IndustryCode.isWellFormed(industry.code())).as(industry.code()).isTrue();
            assertThat(industry.nameZh()).isNotBlank();
            assertThat(industry.nameEn()).isNotBlank();
        });
        assertThat(industries.contains("NEW_ENERGY")).isTrue();
        assertThat(industries.contains("new_energy")).isFalse();
    }
}
