package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Guards the event contract: every event revision has an approved JSON sample under
 * {@code src/test/resources/approved/}. A changed JSON form fails here; a released event's form never changes
 * (add a new revision and an upcaster instead). A missing sample is written to {@code target/approved/} to be
 * reviewed and copied.
 */
class ApprovedEventJsonTest {

    private static final JsonMapper MAPPER = EventJson.mapper();
    private static final String ID = "3f1c2a9e-8d4b-4c1e-9a57-0b6f1d2e3c4a";
    private static final String CAMPAIGN = "8a2e4c61-5b7d-4f90-a1c3-2d6e8f0b9a17";

    static List<Object> samples() {
        return List.of(
                new ProjectRegisteredEvent(ID, "2301-441200-04-01-123456", "明丽达新能源零部件项目（一期）",
                        "肇庆明丽达科技有限公司", RegionCode.of("441200"), IndustryCode.of("NEW_ENERGY"), "深圳",
                        Money.ofYuan("1000000000"), LocalDate.of(2023, 1, 10), new BigDecimal("120.5"), 800,
                        List.of("省重点", "新能源")),
                new ProjectSignedEvent(ID, LocalDate.of(2023, 2, 8), Money.ofYuan("1000000000.50")),
                new ConstructionStartedEvent(ID, LocalDate.of(2023, 4, 1)),
                new ConstructionCompletedEvent(ID, LocalDate.of(2024, 3, 30)),
                new ProductionStartedEvent(ID, LocalDate.of(2024, 5, 6), ProductionScope.PARTIAL),
                new PlannedInvestmentRevisedEvent(ID, Money.ofYuan("1200000000"), "二期用地追加"),
                new ProgressReportedEvent(ID, LocalDate.of(2023, 9, 30), Money.ofYuan("333400000.25"),
                        new BigDecimal("62.9"), Money.ofYuan("410000000.50")),
                new ProjectSuspendedEvent(ID, "环评复核"),
                new ProjectResumedEvent(ID, null),
                new ProjectCancelledEvent(ID, "投资方战略调整"),
                new ProjectVoidedEvent(ID, "重复录入"),
                new MilestoneDateCorrectedEvent(ID, Milestone.SIGNED, LocalDate.of(2023, 2, 8),
                        LocalDate.of(2023, 2, 6), "以合同落款日期为准"),
                new ProjectDetailsCorrectedEvent(ID, new ProjectDetailsCorrectedEvent.Change("明丽达新能源零部件项目",
                        "明丽达新能源零部件项目（一期）"), null, null,
                        new ProjectDetailsCorrectedEvent.Change("441202", "441204"), null, null,
                        "录入时区域选错，应为高要区"),
                new AccountCreatedEvent("zq-clerk-li", "李明（肇庆市投促局）", "CLERK", "441200"),
                new AccountAccessChangedEvent("zq-clerk-li", "LEADER", "441202"),
                new AccountDisplayNameChangedEvent("zq-clerk-li", "李明"),
                new AccountDisabledEvent("zq-clerk-li"),
                new AccountEnabledEvent("zq-clerk-li"),
                new AccountPasswordResetEvent("zq-clerk-li"),
                new AccountPasswordChangedEvent("zq-clerk-li"),
                new CampaignCreatedEvent(CAMPAIGN, "肇庆市2023年第一季度重大项目集中签约、开工、投产活动",
                        RegionCode.of("441200"), LocalDate.of(2023, 2, 10)),
                new CampaignProjectEnrolledEvent(CAMPAIGN, ID, CampaignBucket.CONSTRUCTION_START),
                new CampaignProjectWithdrawnEvent(CAMPAIGN, ID, CampaignBucket.CONSTRUCTION_START),
                new CampaignHeldEvent(CAMPAIGN, LocalDate.of(2023, 2, 10), List.of(
                        new CampaignHeldEvent.Announced(CampaignBucket.SIGNING, 72, Money.ofYuan("30000000000.50")),
                        new CampaignHeldEvent.Announced(CampaignBucket.CONSTRUCTION_START, 98,
                                Money.ofYuan("41170000000")),
                        new CampaignHeldEvent.Announced(CampaignBucket.PRODUCTION_START, 35,
                                Money.ofYuan("16500000000")))));
    }

    /** Every event type of every aggregate's stream. */
    private static List<Class<?>> eventTypes() {
        return Stream.of(ProjectEvent.class, AccountEvent.class, CampaignEvent.class)
                .flatMap(type -> Arrays.stream(type.getPermittedSubclasses())).toList();
    }

    @Test
    void everyEventTypeHasASample() {
        Set<Class<?>> sampled = samples().stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(eventTypes());
    }

    @Test
    void everyEventTypeDeclaresARevision() {
        eventTypes().forEach(type ->
                assertThat(type.getAnnotation(Revision.class)).as(type.getSimpleName()).isNotNull());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void serializesToTheApprovedJson(Object sample) throws IOException {
        String actual = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(sample) + "\n";
        String approved = approvedJson(sample);
        assertThat(actual).isEqualTo(approved);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void readsTheApprovedJsonBack(Object sample) throws IOException {
        assertThat(MAPPER.readValue(approvedJson(sample), sample.getClass())).isEqualTo(sample);
    }

    static String approvedJson(Object sample) throws IOException {
        String revision = sample.getClass().getAnnotation(Revision.class).value();
        String name = sample.getClass().getSimpleName() + ".v" + revision + ".json";
        try (InputStream in = ApprovedEventJsonTest.class.getResourceAsStream("/approved/" + name)) {
            if (in == null) {
                Path candidate = Path.of("target", "approved", name);
                Files.createDirectories(candidate.getParent());
                Files.writeString(candidate,
                        MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(sample) + "\n");
                return fail("no approved sample " + name + "; review " + candidate.toAbsolutePath()
                        + " and copy it to src/test/resources/approved/");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
