package cn.pipelinetracker.command.demo;

import cn.pipelinetracker.command.demo.DemoProject.Cancel;
import cn.pipelinetracker.command.demo.DemoProject.CompleteConstruction;
import cn.pipelinetracker.command.demo.DemoProject.Correct;
import cn.pipelinetracker.command.demo.DemoProject.ReportProgress;
import cn.pipelinetracker.command.demo.DemoProject.Sign;
import cn.pipelinetracker.command.demo.DemoProject.StartConstruction;
import cn.pipelinetracker.command.demo.DemoProject.StartProduction;
import cn.pipelinetracker.command.demo.DemoProject.Step;
import cn.pipelinetracker.command.demo.DemoProject.Void;
import cn.pipelinetracker.events.CampaignBucket;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.ProductionScope;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A realistic, deterministic demo dataset whose statistics reproduce figures that were published:
 * <ul>
 *     <li>Foshan National High-tech Zone: 52 strategic projects signed in 2023 (to 15 November), RMB 67.5 bn;</li>
 *     <li>Zhaoqing, Q1 2023 centralized signing / commencement / production event (10 February 2023): 205 projects,
 *     RMB 87.67 bn, each in one stage bucket;</li>
 *     <li>Zhaoqing agglomeration zone's municipal starting area, April 2023: 22 projects signed, 9 started;</li>
 *     <li>Zhaoqing: 430 new industrial projects signed in H1 2024, RMB 78.66 bn;</li>
 *     <li>named projects: Zhaoqing Minglida's RMB 1 bn phase-one new-energy components project, and the Lighthouse
 *     Community Innovation Center in Foshan (RMB 530 m, construction 62.9 % complete).</li>
 * </ul>
 * The two Zhaoqing events are campaigns too ({@link #campaigns()}): held with exactly those projects, then followed by
 * a little history that no published figure counts (signing-bucket projects starting construction since, one
 * cancelled; a duplicate entry enrolled by mistake is voided before the Q1 event is held).
 * After those, a pipeline of 2025 and 2026 (to the end of October) in the same cities, so that the present is not
 * empty: projects signed, started, completed and in production, with progress reports. Besides, a few projects are
 * cancelled (they still count), one is voided (it never counts) and one signing date
 * is corrected, so that every kind of event appears.
 */
final class DemoDataset {

    static final String FOSHAN_ZONE = "440600-FSHT";
    static final BigDecimal FOSHAN_ZONE_2023_TOTAL = new BigDecimal("67500000000");
    static final int FOSHAN_ZONE_2023_PROJECTS = 52;
    static final LocalDate ZHAOQING_EVENT_DAY = LocalDate.of(2023, 2, 10);
    static final BigDecimal ZHAOQING_EVENT_TOTAL = new BigDecimal("87670000000");
    static final int ZHAOQING_EVENT_SIGNED = 112;
    static final int ZHAOQING_EVENT_STARTED = 68;
    static final int ZHAOQING_EVENT_PRODUCING = 25;
    static final String STARTING_AREA = "441200-JJQ-SBJ";
    static final int STARTING_AREA_SIGNED = 22;
    static final int STARTING_AREA_STARTED = 9;
    static final BigDecimal ZHAOQING_H1_2024_TOTAL = new BigDecimal("78660000000");
    static final int ZHAOQING_H1_2024_PROJECTS = 430;

    private static final List<String> FOSHAN_ZONE_PARKS = List.of("440600-FSHT-NH", "440600-FSHT-NH",
            "440600-FSHT-SD", "440600-FSHT-CC", "440600-FSHT-SS", "440600-FSHT-GM", "440600-FSHT");
    private static final List<String> ZHAOQING_REGIONS = List.of("441202", "441203", "441204", "441204", "441223",
            "441224", "441225", "441226", "441284", "441284", "441200-GXQ", "441200-JJQ-GY", "441200-JJQ-SH");
    private static final List<String> RECENT_REGIONS = List.of("441200", "441202", "441203", "441204", "441204",
            "441223", "441224", "441225", "441226", "441284", "441284", "441200-GXQ", "441200-GXQ", "441200-JJQ-SBJ",
            "441200-JJQ-GY", "441200-JJQ-SH", "440600-FSHT", "440600-FSHT-NH", "440600-FSHT-SD", "440600-FSHT-CC",
            "440600-FSHT-SS", "440600-FSHT-GM", "440605", "440606");
    private static final LocalDate RECENT_LAST_DAY = LocalDate.of(2026, 10, 31);
    private static final List<String> FOSHAN_SOURCES = List.of("北京", "上海", "杭州", "北京", "上海", "杭州", "深圳",
            "苏州", "南京", "香港", "广州");
    private static final List<String> ZHAOQING_SOURCES = List.of("广州", "深圳", "佛山", "东莞", "香港", "上海", "北京",
            "厦门", "长沙", "肇庆");
    private static final String[] BRAND = {"华", "中", "明", "远", "博", "创", "新", "恒", "泰", "德", "瑞", "科",
            "达", "鑫", "盛", "宏", "嘉", "源", "弘", "联", "金", "海", "正", "誉", "凯", "航", "力", "宇"};
    private static final String[][] INDUSTRIES = {
            {"NEW_ENERGY", "储能电池", "新能源"},
            {"NEW_ENERGY", "光伏组件", "光电"},
            {"NEW_ENERGY_VEHICLES", "新能源汽车零部件", "汽车部件"},
            {"NEW_ENERGY_VEHICLES", "电驱动系统", "动力"},
            {"ELECTRONICS", "智能终端", "电子"},
            {"ELECTRONICS", "电子元器件", "电子"},
            {"SEMICONDUCTORS", "功率半导体", "半导体"},
            {"SEMICONDUCTORS", "芯片封装测试", "微电子"},
            {"ADVANCED_EQUIPMENT", "智能装备", "智能装备"},
            {"ADVANCED_EQUIPMENT", "精密数控机床", "精机"},
            {"NEW_MATERIALS", "高性能复合材料", "新材料"},
            {"NEW_MATERIALS", "铝合金新材料", "材料"},
            {"METAL_PROCESSING", "精密金属制品", "金属制品"},
            {"INTELLIGENT_HOME_APPLIANCES", "智能家电", "电器"},
            {"BIOMEDICINE", "生物医药", "生物科技"},
            {"BIOMEDICINE", "医疗器械", "医疗科技"},
            {"FOOD_AND_BEVERAGE", "食品饮料", "食品"},
            {"BUILDING_MATERIALS", "绿色建材", "建材"},
            {"FINE_CHEMICALS", "精细化工", "化工"},
            {"DIGITAL_ECONOMY", "数字经济产业园", "数字科技"}};
    private static final String[] SITES = {"生产基地", "智能制造基地", "产业园", "扩产", "研发及生产基地", "总部基地"};
    private static final String[] COMPANY = {"科技有限公司", "实业有限公司", "集团有限公司", "股份有限公司"};

    static final LocalDate STARTING_AREA_EVENT_DAY = LocalDate.of(2023, 4, 28);

    private final Random random = new Random(20231115);
    private int serial;
    private final List<DemoCampaign> campaigns = new ArrayList<>();

    static List<DemoProject> projects() {
        return new DemoDataset().build();
    }

    /** The demo's campaigns, over the projects of {@link #projects()}. */
    static List<DemoCampaign> campaigns() {
        DemoDataset dataset = new DemoDataset();
        dataset.build();
        return List.copyOf(dataset.campaigns);
    }

    private List<DemoProject> build() {
        List<DemoProject> projects = new ArrayList<>();
        projects.addAll(foshanHighTechZone2023());
        projects.addAll(zhaoqingFirstQuarter2023Event());
        projects.addAll(zhaoqingStartingAreaApril2023());
        projects.addAll(zhaoqingFirstHalf2024());
        projects.addAll(pipeline2025And2026());
        return projects;
    }

    private List<DemoProject> foshanHighTechZone2023() {
        BigDecimal lighthouse = new BigDecimal("530000000");
        List<BigDecimal> amounts = split(FOSHAN_ZONE_2023_TOTAL.subtract(lighthouse), FOSHAN_ZONE_2023_PROJECTS - 1);
        List<DemoProject> projects = new ArrayList<>();
        LocalDate lighthouseSigned = LocalDate.of(2023, 2, 16);
        projects.add(new DemoProject(code(lighthouseSigned.minusDays(40), "440600"), "佛山灯塔社区创新中心项目",
                "佛山灯塔创新发展有限公司", "440600-FSHT-NH", "DIGITAL_ECONOMY", "广州", lighthouse,
                lighthouseSigned.minusDays(40), List.of(
                new Sign(lighthouseSigned),
                new StartConstruction(LocalDate.of(2023, 3, 20)),
                new ReportProgress(LocalDate.of(2023, 12, 31), new BigDecimal("190800000"), new BigDecimal("36.0"),
                        new BigDecimal("212000000")),
                new ReportProgress(LocalDate.of(2024, 6, 30), new BigDecimal("333370000"), new BigDecimal("62.9"),
                        new BigDecimal("371000000")))));
        for (int i = 0; i < amounts.size(); i++) {
            LocalDate signed = between(LocalDate.of(2023, 1, 5), LocalDate.of(2023, 11, 15));
            List<Step> steps = new ArrayList<>(List.of(new Sign(signed)));
            if (i % 2 == 0) {
                steps.add(new StartConstruction(signed.plusDays(20 + random.nextInt(40))));
            }
            if (i == 7 || i == 31) {
                steps.add(new Cancel("投资方战略调整，项目终止"));
            }
            projects.add(project(pick(FOSHAN_ZONE_PARKS), pick(FOSHAN_SOURCES), amounts.get(i), signed, steps));
        }
        // entered twice by mistake: voided, so it never counts
        DemoProject original = projects.get(3);
        projects.add(new DemoProject(original.projectCode() + "-DUP", original.name(), original.investor(),
                original.regionCode(), original.industry(), original.sourceRegion(), original.plannedInvestmentYuan(),
                original.registeredOn(), List.of(new Sign(original.dateOf(Milestone.SIGNED)),
                new Void("重复录入，与原项目为同一项目"))));
        return projects;
    }

    private List<DemoProject> zhaoqingFirstQuarter2023Event() {
        int total = ZHAOQING_EVENT_SIGNED + ZHAOQING_EVENT_STARTED + ZHAOQING_EVENT_PRODUCING;
        List<BigDecimal> amounts = split(ZHAOQING_EVENT_TOTAL, total);
        List<DemoProject> projects = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            List<Step> steps = new ArrayList<>();
            LocalDate signed;
            if (i < ZHAOQING_EVENT_SIGNED) {
                signed = ZHAOQING_EVENT_DAY;
                steps.add(new Sign(signed));
            } else if (i < ZHAOQING_EVENT_SIGNED + ZHAOQING_EVENT_STARTED) {
                signed = between(LocalDate.of(2022, 6, 1), LocalDate.of(2022, 12, 20));
                steps.add(new Sign(signed));
                steps.add(new StartConstruction(ZHAOQING_EVENT_DAY));
            } else {
                signed = between(LocalDate.of(2021, 3, 1), LocalDate.of(2021, 9, 30));
                LocalDate started = signed.plusDays(30 + random.nextInt(120));
                steps.add(new Sign(signed));
                steps.add(new StartConstruction(started));
                steps.add(new CompleteConstruction(LocalDate.of(2022, 12, 1).plusDays(random.nextInt(40))));
                steps.add(new StartProduction(ZHAOQING_EVENT_DAY,
                        i % 3 == 0 ? ProductionScope.PARTIAL : ProductionScope.FULL));
            }
            projects.add(project(pick(ZHAOQING_REGIONS), pick(ZHAOQING_SOURCES), amounts.get(i), signed, steps));
        }
        // a signing entered twice, enrolled with the others by mistake and voided before the event (by the campaign's
        // story: a voided project cannot be enrolled): never counted
        DemoProject original = projects.get(0);
        projects.add(new DemoProject(original.projectCode() + "-DUP", original.name(), original.investor(),
                original.regionCode(), original.industry(), original.sourceRegion(), original.plannedInvestmentYuan(),
                original.registeredOn(), List.of(new Sign(ZHAOQING_EVENT_DAY))));
        campaigns.add(zhaoqingFirstQuarter2023Campaign(projects));
        return projects;
    }

    /**
     * The 205 projects in their buckets (signed on the day, started on the day, producing from the day) and the
     * duplicate, voided after its enrolment and before the event is held; afterwards a third of the signings start
     * construction within 2023 and one is cancelled. None of that touches February 2023.
     */
    private static DemoCampaign zhaoqingFirstQuarter2023Campaign(List<DemoProject> projects) {
        List<DemoCampaign.Enrolment> enrolments = new ArrayList<>();
        List<DemoCampaign.FollowUp> before = new ArrayList<>();
        List<DemoCampaign.FollowUp> after = new ArrayList<>();
        for (int i = 0; i < projects.size(); i++) {
            String code = projects.get(i).projectCode();
            int producingFrom = ZHAOQING_EVENT_SIGNED + ZHAOQING_EVENT_STARTED;
            boolean duplicate = i >= producingFrom + ZHAOQING_EVENT_PRODUCING; // after the 205
            CampaignBucket bucket = i < ZHAOQING_EVENT_SIGNED || duplicate ? CampaignBucket.SIGNING
                    : i < producingFrom ? CampaignBucket.CONSTRUCTION_START : CampaignBucket.PRODUCTION_START;
            enrolments.add(new DemoCampaign.Enrolment(code, bucket));
            if (duplicate) {
                before.add(new DemoCampaign.FollowUp(code, new Void("重复录入，与原项目为同一项目")));
            }
            if (i < ZHAOQING_EVENT_SIGNED && i % 3 == 0) {
                after.add(new DemoCampaign.FollowUp(code,
                        new StartConstruction(LocalDate.of(2023, 3, 15).plusDays(i * 7L % 280))));
            }
            if (i == 1) {
                after.add(new DemoCampaign.FollowUp(code, new Cancel("投资方战略调整，项目终止")));
            }
        }
        return new DemoCampaign("zhaoqing-2023-q1", "肇庆市2023年第一季度重大项目集中签约、集中开工、集中投产活动",
                "441200", ZHAOQING_EVENT_DAY, enrolments, before, after);
    }

    private List<DemoProject> zhaoqingStartingAreaApril2023() {
        List<DemoProject> projects = new ArrayList<>();
        for (int i = 0; i < STARTING_AREA_SIGNED; i++) {
            LocalDate signed = between(LocalDate.of(2023, 4, 3), LocalDate.of(2023, 4, 12));
            List<Step> steps = new ArrayList<>(List.of(new Sign(signed)));
            if (i < STARTING_AREA_STARTED) {
                steps.add(new StartConstruction(between(LocalDate.of(2023, 4, 18), LocalDate.of(2023, 4, 28))));
            }
            BigDecimal amount = BigDecimal.valueOf(8_000 + random.nextInt(60_000)).multiply(BigDecimal.valueOf(10_000));
            projects.add(project(STARTING_AREA, pick(ZHAOQING_SOURCES), amount, signed, steps));
        }
        campaigns.add(startingAreaApril2023Campaign(projects));
        return projects;
    }

    /**
     * The starting area's event at the end of April: the 9 started in the commencement bucket, the 13 others signed;
     * two of those start in 2026, after every window the published April figures count.
     */
    private static DemoCampaign startingAreaApril2023Campaign(List<DemoProject> projects) {
        List<DemoCampaign.Enrolment> enrolments = new ArrayList<>();
        List<DemoCampaign.FollowUp> after = new ArrayList<>();
        List<LocalDate> startedSince = List.of(LocalDate.of(2026, 3, 16), LocalDate.of(2026, 5, 20));
        for (int i = 0; i < projects.size(); i++) {
            String code = projects.get(i).projectCode();
            boolean started = i < STARTING_AREA_STARTED;
            enrolments.add(new DemoCampaign.Enrolment(code,
                    started ? CampaignBucket.CONSTRUCTION_START : CampaignBucket.SIGNING));
            int since = i - STARTING_AREA_STARTED;
            if (since >= 0 && since < startedSince.size()) {
                after.add(new DemoCampaign.FollowUp(code, new StartConstruction(startedSince.get(since))));
            }
        }
        return new DemoCampaign("starting-area-2023-04", "肇庆大型产业集聚区市级起步区2023年4月集中签约、集中开工活动",
                STARTING_AREA, STARTING_AREA_EVENT_DAY, enrolments, List.of(), after);
    }

    private List<DemoProject> zhaoqingFirstHalf2024() {
        BigDecimal minglida = new BigDecimal("1000000000");
        List<BigDecimal> amounts = split(ZHAOQING_H1_2024_TOTAL.subtract(minglida), ZHAOQING_H1_2024_PROJECTS - 1);
        List<DemoProject> projects = new ArrayList<>();
        LocalDate minglidaSigned = LocalDate.of(2024, 3, 18);
        projects.add(new DemoProject(code(LocalDate.of(2024, 1, 22), "441204"), "明丽达新能源零部件项目（一期）",
                "肇庆明丽达科技有限公司", "441204", "NEW_ENERGY", "深圳", minglida, LocalDate.of(2024, 1, 22), List.of(
                new Sign(minglidaSigned),
                new StartConstruction(LocalDate.of(2024, 5, 6)),
                new ReportProgress(LocalDate.of(2024, 6, 30), new BigDecimal("126000000"), new BigDecimal("12.5"),
                        new BigDecimal("150000000")))));
        for (int i = 0; i < amounts.size(); i++) {
            LocalDate signed = between(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 6, 28));
            List<Step> steps = new ArrayList<>(List.of(new Sign(signed)));
            if (i % 4 == 0 && signed.isBefore(LocalDate.of(2024, 5, 31))) {
                steps.add(new StartConstruction(signed.plusDays(15 + random.nextInt(30))));
            }
            if (i == 4) {
                steps.add(new Correct(Milestone.SIGNED, signed.minusDays(1), "以合同落款日期为准"));
            }
            if (i == 11) {
                steps.add(new Cancel("用地规划调整，投资方撤回"));
            }
            projects.add(project(pick(ZHAOQING_REGIONS), pick(ZHAOQING_SOURCES), amounts.get(i), signed, steps));
        }
        return projects;
    }

    /** Signings through 2025 and 2026; each advances as far as its dates reach by {@link #RECENT_LAST_DAY}. */
    private List<DemoProject> pipeline2025And2026() {
        List<DemoProject> projects = new ArrayList<>();
        List<BigDecimal> amounts2025 = split(new BigDecimal("48360000000"), 96);
        List<BigDecimal> amounts2026 = split(new BigDecimal("31750000000"), 64);
        for (int i = 0; i < amounts2025.size() + amounts2026.size(); i++) {
            boolean early = i < amounts2025.size();
            LocalDate signed = early ? between(LocalDate.of(2025, 1, 6), LocalDate.of(2025, 12, 26))
                    : between(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 10, 16));
            BigDecimal amount = early ? amounts2025.get(i) : amounts2026.get(i - amounts2025.size());
            projects.add(project(pick(RECENT_REGIONS), pick(ZHAOQING_SOURCES), amount, signed, recentSteps(signed,
                    amount, i)));
        }
        return projects;
    }

    private List<Step> recentSteps(LocalDate signed, BigDecimal amount, int i) {
        List<Step> steps = new ArrayList<>(List.of(new Sign(signed)));
        LocalDate started = signed.plusDays(25 + random.nextInt(110));
        if (i % 5 == 4 || started.isAfter(RECENT_LAST_DAY)) {
            if (i == 29) {
                steps.add(new Cancel("投资方资金链调整，项目终止"));
            }
            return steps;
        }
        steps.add(new StartConstruction(started));
        LocalDate completed = started.plusDays(240 + random.nextInt(200));
        if (completed.isAfter(RECENT_LAST_DAY)) {
            BigDecimal percent = BigDecimal.valueOf(5 + random.nextInt(900), 1);
            BigDecimal completedInvestment = amount.multiply(percent).divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN);
            // funds usually arrive ahead of the work they pay for: a fifth more than completed, at most the plan
            BigDecimal fundsInPlace = completedInvestment.multiply(new BigDecimal("1.2")).setScale(0, RoundingMode.DOWN)
                    .min(amount);
            steps.add(new ReportProgress(LocalDate.of(2026, 9, 30), completedInvestment, percent, fundsInPlace));
            return steps;
        }
        steps.add(new CompleteConstruction(completed));
        LocalDate producing = completed.plusDays(10 + random.nextInt(50));
        if (!producing.isAfter(RECENT_LAST_DAY)) {
            steps.add(new StartProduction(producing, i % 3 == 0 ? ProductionScope.PARTIAL : ProductionScope.FULL));
        }
        return steps;
    }

    private DemoProject project(String region, String source, BigDecimal amount, LocalDate signed, List<Step> steps) {
        String[] industry = INDUSTRIES[random.nextInt(INDUSTRIES.length)];
        String brand = BRAND[random.nextInt(BRAND.length)] + BRAND[random.nextInt(BRAND.length)];
        String name = brand + industry[1] + SITES[random.nextInt(SITES.length)] + "项目";
        String investor = source + brand + industry[2] + COMPANY[random.nextInt(COMPANY.length)];
        LocalDate registered = signed.minusDays(10 + random.nextInt(60));
        return new DemoProject(code(registered, region.substring(0, 6)), name, investor, region, industry[0], source,
                amount, registered, steps);
    }

    /** A national investment-project code in its usual shape: YYMM-REGION-04-01-NNNNNN. */
    private String code(LocalDate registered, String region) {
        return String.format("%02d%02d-%s-04-01-%06d", registered.getYear() % 100, registered.getMonthValue(),
                region, 100_000 + ++serial);
    }

    /** {@code count} amounts in whole 万元 (RMB 10 000) that add up to exactly {@code total}. */
    private List<BigDecimal> split(BigDecimal total, int count) {
        double[] weights = new double[count];
        double sum = 0;
        for (int i = 0; i < count; i++) {
            weights[i] = 0.25 + random.nextDouble() * random.nextDouble() * 3;
            sum += weights[i];
        }
        BigDecimal wan = BigDecimal.valueOf(10_000);
        BigDecimal totalWan = total.divide(wan, 0, RoundingMode.UNNECESSARY);
        List<BigDecimal> amounts = new ArrayList<>();
        BigDecimal assigned = BigDecimal.ZERO;
        for (int i = 0; i < count - 1; i++) {
            BigDecimal share = BigDecimal.valueOf(weights[i] / sum).multiply(totalWan).setScale(0, RoundingMode.HALF_UP);
            amounts.add(share.multiply(wan));
            assigned = assigned.add(share);
        }
        amounts.add(totalWan.subtract(assigned).multiply(wan));
        return amounts;
    }

    private LocalDate between(LocalDate first, LocalDate last) {
        return first.plusDays(random.nextInt((int) (last.toEpochDay() - first.toEpochDay()) + 1));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
