package cn.pipelinetracker.query.oc4ids;

import cn.pipelinetracker.platform.reference.IndustryList;
import cn.pipelinetracker.platform.reference.RegionTree;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The stage and status mapping of docs/decisions/0015-oc4ids.md, row by row (the demo data has no suspension). */
class Oc4idsMappingTest {

    private final Oc4idsMapping mapping = new Oc4idsMapping("oc4ids-test00-", ZoneId.of("Asia/Shanghai"),
            RegionTree.bundled(), IndustryList.bundled());

    private static Oc4idsProjects.Row row(String stage, String status, String suspensionReason, Instant cancelledAt,
                                          String cancellationReason) {
        return new Oc4idsProjects.Row("p-1", null, "灯塔项目", "佛山灯塔创新发展有限公司", "440600-FSHT", "ELECTRONICS",
                new BigDecimal("530000000.50"), stage, status, LocalDate.of(2023, 1, 5), LocalDate.of(2023, 2, 16),
                LocalDate.of(2023, 3, 20), null, null, Instant.parse("2024-07-01T02:00:00Z"), null,
                "{\"SIGNED\": \"2024-07-01T10:00:00.123456+08:00\"}", suspensionReason, cancelledAt,
                cancellationReason);
    }

    @Test
    void everyStageMapsToAProjectStatus() {
        assertThat(Oc4idsMapping.status("REGISTERED", "ACTIVE")).isEqualTo("identification");
        assertThat(Oc4idsMapping.status("SIGNED", "ACTIVE")).isEqualTo("preparation");
        assertThat(Oc4idsMapping.status("UNDER_CONSTRUCTION", "ACTIVE")).isEqualTo("implementation");
        assertThat(Oc4idsMapping.status("CONSTRUCTED", "ACTIVE")).isEqualTo("completion");
        assertThat(Oc4idsMapping.status("IN_PRODUCTION", "ACTIVE")).isEqualTo("maintenance");
        assertThat(Oc4idsMapping.status("UNDER_CONSTRUCTION", "CANCELLED")).isEqualTo("cancelled");
    }

    @Test
    void aSuspendedProjectKeepsItsStagesStatusAndSaysWhy() {
        Oc4idsProject project = mapping.project(row("UNDER_CONSTRUCTION", "SUSPENDED", "环评复核", null, null));

        assertThat(project.status()).isEqualTo("implementation");
        assertThat(project.description()).isEqualTo("暂停 / Suspended: 环评复核");
        assertThat(project.completion()).isNull();
        assertThat(project.identifiers()).isNull();
        assertThat(project.sector()).containsExactly("economy");
        assertThat(project.budget().amount().amount()).isEqualByComparingTo("530000000.50");
        assertThat(project.milestones()).extracting(Oc4idsProject.Milestone::id)
                .containsExactly("REGISTERED", "SIGNED", "CONSTRUCTION_STARTED");
        assertThat(project.milestones().get(1).dateMet()).isEqualTo("2023-02-16T00:00:00+08:00");
        assertThat(project.milestones().get(1).dateModified()).isEqualTo("2024-07-01T02:00:00.123456Z");
        assertThat(project.milestones().get(0).dateModified()).isNull();
        assertThat(project.metrics()).isNull();
    }

    @Test
    void aCancelledProjectsCompletionSaysWhenAndWhy() {
        Oc4idsProject project = mapping.project(row("UNDER_CONSTRUCTION", "CANCELLED", null,
                Instant.parse("2024-03-01T04:00:00Z"), "投资方战略调整，项目终止"));

        assertThat(project.status()).isEqualTo("cancelled");
        assertThat(project.description()).isNull();
        assertThat(project.completion().endDate()).isEqualTo("2024-03-01T04:00:00Z");
        assertThat(project.completion().endDateDetails()).isEqualTo("取消 / Cancelled: 投资方战略调整，项目终止");
    }
}
