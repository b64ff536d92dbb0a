package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clerk's workbench in a real browser ({@link Chromium}), as the Zhaoqing clerk ({@code zq-clerk}, region 441200):
 * every fact recorded from the pages, in Chinese, on a desktop and on a phone. Not over the demo data: the projects
 * recorded here would change the figures the dashboard's tests read there.
 */
@PipelineIntegrationTest
class WorkbenchBrowserTest extends InBrowser {

    @Override
    String user() {
        return "zq-clerk";
    }

    private TestHttp clerkApi() {
        return TestHttp.onPort(port).as("zq-clerk");
    }

    /** A project of the clerk's region, registered (and signed and started, if asked) through the API. */
    private String project(String name, boolean underConstruction) {
        var registered = clerkApi().post("/api/v1/projects", """
                {"name":"%s","investor":"肇庆测试投资有限公司","regionCode":"441204","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":200000000,"registeredOn":"2024-01-05"}""".formatted(name));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String id = registered.json().get("projectId").asString();
        if (underConstruction) {
            assertThat(clerkApi().post("/api/v1/projects/" + id + "/sign", "{\"signedOn\":\"2024-02-01\"}").status())
                    .isEqualTo(200);
            var started = clerkApi().post("/api/v1/projects/" + id + "/start-construction",
                    "{\"startedOn\":\"2024-03-01\"}");
            assertThat(started.status()).isEqualTo(200);
            awaitProjected(started.json().get("position").asLong());
        } else {
            awaitProjected(registered.json().get("position").asLong());
        }
        return id;
    }

    private void awaitProjected(long position) {
        assertThat(clerkApi().get("/api/v1/projects?size=1&awaitPosition=" + position).status()).isEqualTo(200);
    }

    /** A project of Foshan under construction, which the Zhaoqing clerk may neither see nor touch. */
    private String foshanProject() {
        TestHttp admin = TestHttp.onPort(port);
        var registered = admin.post("/api/v1/projects", """
                {"name":"佛山工作台测试项目","investor":"佛山测试有限公司","regionCode":"440604","industry":"ELECTRONICS",
                 "plannedInvestmentYuan":100000000,"registeredOn":"2024-01-05"}""");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String id = registered.json().get("projectId").asString();
        assertThat(admin.post("/api/v1/projects/" + id + "/sign", "{\"signedOn\":\"2024-02-01\"}").status())
                .isEqualTo(200);
        var started = admin.post("/api/v1/projects/" + id + "/start-construction", "{\"startedOn\":\"2024-03-01\"}");
        assertThat(started.status()).isEqualTo(200);
        awaitProjected(started.json().get("position").asLong());
        return id;
    }

    private long events(String projectId, String type) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?")
                .param(projectId).param("%." + type).query(Long.class).single();
    }

    private String version() {
        return find("#page").getDomAttribute("data-version");
    }

    /** Opens the action's form on the project page, fills it and sends it; waits for the new version. */
    private void record(String action, String... namesAndValues) {
        String before = version();
        find("[data-opens=" + action + "]").click();
        fill(namesAndValues);
        find("[data-action=" + action + "]").click();
        chromium.waitUntil(d -> !before.equals(version()));
        assertThat(find("[role=status]").getText()).startsWith("已保存");
    }

    private void fill(String... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            WebElement input = find(".command-form [name=" + namesAndValues[i] + "]");
            if (input.getTagName().equals("select")) {
                new Select(input).selectByValue(namesAndValues[i + 1]);
            } else {
                input.clear();
                input.sendKeys(namesAndValues[i + 1]);
            }
        }
    }

    private boolean fitsTheScreen() {
        return (Boolean) chromium.script("return document.documentElement.scrollWidth <= window.innerWidth;");
    }

    @Test
    void aClerkRegistersSignsStartsAndCorrectsADateAndSeesEveryStepInTheRecord() throws IOException {
        String name = "工作台登记项目-" + UUID.randomUUID().toString().substring(0, 8);
        chromium.open("/workbench/register");
        fill("name", name, "investor", "肇庆明丽达科技有限公司", "regionCode", "441204", "industry", "NEW_ENERGY",
                "plannedInvestmentYuan", "12345.6789", "sourceRegion", "深圳", "registeredOn", "2024-01-05");
        chromium.screenshot("workbench-register");
        find("[data-action=register]").click();
        chromium.waitUntil(d -> !d.findElements(By.id("open-registered")).isEmpty());
        assertThat(find("[role=status]").getText()).contains(name);
        find("#open-registered").click();
        chromium.awaitReady();

        String projectId = find("#page").getDomAttribute("data-project-id");
        assertThat(version()).isEqualTo("1");
        assertThat(jdbc.sql("SELECT planned_investment_yuan FROM project_view WHERE project_id = ?").param(projectId)
                .query(BigDecimal.class).single()).as("万元 sent exactly as yuan").isEqualByComparingTo("123456789");
        assertThat(browser.findElements(By.cssSelector("[data-opens]"))).extracting(e -> e.getDomAttribute("data-opens"))
                .contains("sign").doesNotContain("start-construction", "resume");

        record("sign", "signedOn", "2024-02-06");
        record("start-construction", "startedOn", "2024-03-15");
        record("correct-milestone", "milestone", "SIGNED", "date", "2024-02-05", "reason", "以合同落款日期为准");

        assertThat(browser.findElements(By.cssSelector("#timeline li")))
                .extracting(e -> e.getDomAttribute("data-type"))
                .containsExactly("ProjectRegisteredEvent", "ProjectSignedEvent", "ConstructionStartedEvent",
                        "MilestoneDateCorrectedEvent");
        assertThat(find("#timeline li[data-type=MilestoneDateCorrectedEvent]").getText())
                .contains("2024-02-06", "2024-02-05", "以合同落款日期为准", "zq-clerk");
        assertThat(find("[data-milestone=SIGNED] .milestone-date").getText()).isEqualTo("2024-02-05");
        assertThat(jdbc.sql("SELECT DISTINCT convert_from(meta_data, 'UTF8')::jsonb ->> 'source' FROM domain_event_entry"
                + " WHERE aggregate_identifier = ?").param(projectId).query(String.class).list()).containsExactly("PAGE");
        chromium.screenshot("workbench-project");
        chromium.open("/workbench/projects/" + projectId + "?lang=en");
        find("[data-opens=report-progress]").click();
        chromium.screenshot("workbench-project-en");
    }

    @Test
    void theMonthlyGridStoresTheChangedRowsEachOnItsOwnAndKeepsTheRefusedOne() throws IOException {
        String batch = "月度调度-" + UUID.randomUUID().toString().substring(0, 8);
        String first = project(batch + "-甲", true);
        String second = project(batch + "-乙", true);
        String refused = project(batch + "-丙", true);
        String untouched = project(batch + "-丁", true);
        chromium.open("/workbench/progress?q=" + TestHttp.encode(batch));
        assertThat(browser.findElements(By.cssSelector("#progress-grid tbody tr[data-project-id]"))).hasSize(4);

        typeInRow(first, "completedInvestmentYuan", "5000.5");
        typeInRow(first, "constructionProgressPercent", "30");
        typeInRow(second, "constructionProgressPercent", "45.5");
        typeInRow(refused, "constructionProgressPercent", "50");
        typeInRow(refused, "asOf", "2023-12-31");
        find("[data-action=report-progress]").click();
        chromium.waitUntil(d -> !d.findElement(By.id("grid-summary")).getText().isEmpty());

        assertThat(row(first).findElement(By.cssSelector(".row-result [role=status]")).getText()).isEqualTo("已保存");
        assertThat(row(second).findElement(By.cssSelector(".row-result [role=status]")).getText()).isEqualTo("已保存");
        assertThat(row(refused).findElement(By.cssSelector(".row-result [role=alert]")).getText())
                .startsWith("未保存").contains("2023-12-31");
        assertThat(row(refused).findElement(By.name("constructionProgressPercent")).getDomProperty("value"))
                .as("the refused row keeps its input").isEqualTo("50");
        assertThat(row(refused).findElement(By.name("asOf")).getDomProperty("value")).isEqualTo("2023-12-31");
        assertThat(row(untouched).findElement(By.cssSelector(".row-result")).getText()).isEmpty();
        assertThat(find("#grid-summary").getText()).contains("已保存 2 行", "1 行未保存");
        assertThat(events(first, "ProgressReportedEvent")).isEqualTo(1);
        assertThat(events(second, "ProgressReportedEvent")).isEqualTo(1);
        assertThat(events(refused, "ProgressReportedEvent")).isZero();
        assertThat(events(untouched, "ProgressReportedEvent")).isZero();
        assertThat(jdbc.sql("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'completedInvestmentYuan'"
                + " FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%.ProgressReportedEvent'")
                .param(first).query(String.class).single()).isEqualTo("50005000");
        chromium.screenshot("workbench-progress");
    }

    private WebElement row(String projectId) {
        return find("#progress-grid tr[data-project-id='" + projectId + "']");
    }

    private void typeInRow(String projectId, String name, String text) {
        WebElement input = row(projectId).findElement(By.name(name));
        input.clear();
        input.sendKeys(text);
    }

    /** A registered project's page with its sign form open and filled in, not sent yet. */
    private String signFormOpenOnANewProject(String name) {
        String projectId = project(name + "-" + UUID.randomUUID().toString().substring(0, 8), false);
        chromium.open("/workbench/projects/" + projectId);
        find("[data-opens=sign]").click();
        fill("signedOn", "2024-02-06");
        return projectId;
    }

    @Test
    void aStalePageIsToldWhatChangedMeanwhileAndStoresNothing() throws IOException {
        String projectId = signFormOpenOnANewProject("过期页面");

        var revised = clerkApi().post("/api/v1/projects/" + projectId + "/revise-investment",
                "{\"plannedInvestmentYuan\":300000000,\"reason\":\"另一位经办人同时修改\"}");
        assertThat(revised.status()).isEqualTo(200);
        find("[data-action=sign]").click();

        WebElement alert = chromium.waitUntil(d -> d.findElements(By.cssSelector("[role=alert] .stale")).isEmpty()
                ? null : d.findElement(By.cssSelector(".notice.refused")));
        assertThat(alert.getText()).contains("已被他人修改", "没有保存", "调整计划投资", "另一位经办人同时修改");
        assertThat(events(projectId, "ProjectSignedEvent")).isZero();
        assertThat(version()).as("the page still shows what it showed").isEqualTo("1");
        chromium.screenshot("workbench-stale");
    }

    @Test
    void aDoubleClickedSubmitStoresOnce() {
        String projectId = signFormOpenOnANewProject("双击提交");

        new Actions(browser).doubleClick(find("[data-action=sign]")).perform();
        chromium.waitUntil(d -> "2".equals(version()));

        assertThat(events(projectId, "ProjectSignedEvent")).isEqualTo(1);
        assertThat(find("[role=status]").getText()).startsWith("已保存");
    }

    @Test
    void aZhaoqingClerkIsNeverOfferedAFoshanProject() {
        String foshan = foshanProject();
        project("肇庆清单项目", true);
        chromium.open("/workbench");
        assertThat(browser.findElements(By.cssSelector("#my-projects tbody tr[data-project-id]"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#my-projects td[data-region]")))
                .extracting(e -> e.getDomAttribute("data-region")).allMatch(code -> code.startsWith("4412"));
        assertThat(new Select(find("#filter-regionCode")).getOptions()).extracting(e -> e.getDomAttribute("value"))
                .filteredOn(code -> !code.isEmpty()).isNotEmpty().allMatch(code -> code.startsWith("4412"));

        chromium.open("/workbench/register");
        assertThat(new Select(find("[name=regionCode]")).getOptions()).extracting(e -> e.getDomAttribute("value"))
                .allMatch(code -> code.startsWith("4412"));

        chromium.open("/workbench/progress");
        assertThat(browser.findElements(By.cssSelector("#progress-grid tbody tr[data-project-id]")))
                .extracting(e -> e.getDomAttribute("data-region")).isNotEmpty().allMatch(code -> code.startsWith("4412"));

        browser.get(chromium.url("/workbench/projects/" + foshan));
        chromium.waitUntil(d -> "failed".equals(d.findElement(By.tagName("body")).getDomAttribute("data-state")));
        assertThat(browser.findElements(By.cssSelector("[data-action], [data-opens]"))).isEmpty();
    }

    @Test
    void theListMarksTheProjectsOfItsPageThatAreUnderAlert() {
        String late = project("肇庆预警标记项目甲", true); // started 2024-03-01, no progress report since: red
        String fresh = project("肇庆预警标记项目乙", false);
        chromium.open("/workbench?q=" + TestHttp.encode("肇庆预警标记项目"));
        assertThat(find("tr[data-project-id='" + late + "'] .alert-mark").getDomAttribute("data-alert-level"))
                .isEqualTo("RED");
        assertThat(browser.findElements(By.cssSelector("tr[data-project-id='" + fresh + "'] .alert-mark"))).isEmpty();
        List<String> asked = ((List<?>) chromium.script("return performance.getEntriesByType('resource')"
                + ".map(e => e.name).filter(n => n.includes('/api/v1/alerts'));")).stream().map(String::valueOf).toList();
        assertThat(asked).as("the alerts of the page's projects only").singleElement().satisfies(url -> assertThat(url)
                .contains("projectId=" + late).contains("projectId=" + fresh));
    }

    @Test
    void leadersSeeNoActionsAndAnAdminSeesThemForEveryRegion() {
        String foshan = foshanProject();
        chromium.signIn("fs-leader");
        chromium.open("/workbench/projects/" + foshan);
        assertThat(browser.findElements(By.cssSelector("[data-opens]"))).isEmpty();
        assertThat(find(".actions-card").getText()).contains("只能查看");

        chromium.signIn("test-admin");
        assertThat(browser.getCurrentUrl()).as("an admin lands on the dashboard").doesNotContain("/workbench");
        chromium.open("/workbench/projects/" + foshan);
        assertThat(browser.findElements(By.cssSelector("[data-opens]"))).isNotEmpty();
        assertThat(find("#to-dashboard").getDomAttribute("href")).isEqualTo("/");
    }

    @Test
    void everyWorkbenchPageFitsAPhoneInBothLanguages() throws IOException {
        String name = "手机填报-" + UUID.randomUUID().toString().substring(0, 8);
        String projectId = project(name, true);
        List<String[]> pages = List.of(new String[] {"/workbench?", "projects"},
                new String[] {"/workbench/register?", "register"},
                new String[] {"/workbench/progress?q=" + TestHttp.encode(name) + "&", "progress"},
                new String[] {"/workbench/projects/" + projectId + "?", "project"});
        for (String lang : new String[] {"zh", "en"}) {
            for (String[] page : pages) {
                String path = page[0] + ("en".equals(lang) ? "lang=en" : "");
                chromium.desktop();
                chromium.open(path);
                chromium.screenshot("workbench-" + page[1] + "-desktop-" + lang);
                chromium.viewport(390, 844, true);
                chromium.open(path);
                if (page[1].equals("project")) {
                    find("[data-opens=report-progress]").click();
                }
                assertThat(fitsTheScreen()).as(path + " at 390 px").isTrue();
                chromium.screenshot("workbench-" + page[1] + "-390x844-" + lang);
            }
        }
    }

    /** The page at 1366 px and at 390 px (where it must fit), in Chinese and in English, each opened afresh. */
    private void screenshots(String name, String path, Runnable prepare) throws IOException {
        for (String lang : new String[] {"zh", "en"}) {
            for (int width : new int[] {1366, 390}) {
                chromium.viewport(width, width > 480 ? 900 : 844, width <= 480);
                chromium.open("zh".equals(lang) ? path : path + (path.contains("?") ? "&" : "?") + "lang=en");
                prepare.run();
                assertThat(fitsTheScreen()).as(path + " at " + width + " px, " + lang).isTrue();
                chromium.screenshot(name + "-" + width + "-" + lang);
            }
        }
        chromium.desktop();
    }

    private String payload(String projectId, String type, String path) {
        return jdbc.sql("SELECT convert_from(payload, 'UTF8')::jsonb #>> ?::text[] FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND payload_type LIKE ? ORDER BY sequence_number DESC LIMIT 1")
                .param(path).param(projectId).param("%." + type).query(String.class).list().get(0);
    }

    @Test
    void aClerkCorrectsTheInvestorAndSeesOldAndNewInTheRecord() throws IOException {
        String projectId = project("更正投资方-" + UUID.randomUUID().toString().substring(0, 8), false);
        chromium.open("/workbench/projects/" + projectId);
        find("[data-opens=correct-details]").click();
        assertThat(find("[data-current-for=investor]").getText()).contains("肇庆测试投资有限公司");
        assertThat(find(".command-form [name=regionCode]").findElements(By.tagName("option")))
                .extracting(e -> e.getDomAttribute("value")).isNotEmpty().allMatch(code -> code.startsWith("4412"));

        fill("reason", "什么都没改");
        find("[data-action=correct-details]").click();
        assertThat(find(".form-messages [role=alert]").getText()).contains("没有改动");
        assertThat(events(projectId, "ProjectDetailsCorrectedEvent")).isZero();

        fill("investor", "肇庆正确投资有限公司", "reason", "登记时投资方名称录错");
        find("[data-action=correct-details]").click();
        chromium.waitUntil(d -> "2".equals(version()));
        assertThat(find("[role=status]").getText()).startsWith("已保存");
        assertThat(find("#timeline li[data-type=ProjectDetailsCorrectedEvent]").getText())
                .contains("投资方：肇庆测试投资有限公司 → 肇庆正确投资有限公司", "登记时投资方名称录错", "zq-clerk");
        assertThat(find("#project").getText()).contains("肇庆正确投资有限公司");
        assertThat(payload(projectId, "ProjectDetailsCorrectedEvent", "{investor,after}"))
                .isEqualTo("肇庆正确投资有限公司");
        assertThat(payload(projectId, "ProjectDetailsCorrectedEvent", "{name}")).as("only changed fields are sent")
                .isNull();

        screenshots("workbench-correct-details", "/workbench/projects/" + projectId,
                () -> find("[data-opens=correct-details]").click());
    }

    @Test
    void fundsInPlaceReportedOnTheProjectPageAndInTheGridShowOnTheCardAndAsTheLastReport() throws IOException {
        String name = "到位资金-" + UUID.randomUUID().toString().substring(0, 8);
        String projectId = project(name, true);
        chromium.open("/workbench/projects/" + projectId);
        record("report-progress", "completedInvestmentYuan", "3000", "fundsInPlaceYuan", "12345.678");
        assertThat(payload(projectId, "ProgressReportedEvent", "{fundsInPlaceYuan}")).as("万元 sent exactly as yuan")
                .isEqualTo("123456780");
        assertThat(find("#project-funds").getText()).contains("1.23 亿元");

        chromium.open("/workbench/progress?q=" + TestHttp.encode(name));
        assertThat(row(projectId).findElement(By.cssSelector(".last-report")).getText())
                .contains("完成 3000 万元", "到位 12345.678 万元");
        typeInRow(projectId, "fundsInPlaceYuan", "20000.5");
        find("[data-action=report-progress]").click();
        chromium.waitUntil(d -> !d.findElement(By.id("grid-summary")).getText().isEmpty());
        assertThat(row(projectId).findElement(By.cssSelector(".row-result [role=status]")).getText()).isEqualTo("已保存");
        assertThat(row(projectId).findElement(By.cssSelector(".last-report")).getText()).contains("到位 20000.5 万元");
        assertThat(payload(projectId, "ProgressReportedEvent", "{fundsInPlaceYuan}")).isEqualTo("200005000");

        screenshots("workbench-progress-funds", "/workbench/progress?q=" + TestHttp.encode(name), () -> { });
        screenshots("workbench-report-progress", "/workbench/projects/" + projectId,
                () -> find("[data-opens=report-progress]").click());
    }

    /**
     * A ledger as a bureau keeps it: the Chinese header with a column the import does not know (备注), each row a new
     * project of the given name in the clerk's region, signed; a name starting with "!" has an unknown region.
     */
    private static Path ledgerCsv(String... names) throws IOException {
        StringWriter text = new StringWriter();
        try (SequenceWriter writer = CsvMapper.builder().build().writerFor(String[].class)
                .with(CsvSchema.emptySchema()).writeValues(text)) {
            writer.write(new String[] {"序号", "项目名称", "投资方", "区域代码", "行业代码", "计划总投资（万元）", "入库日期",
                "签约日期", "备注"});
            for (int i = 0; i < names.length; i++) {
                writer.write(new String[] {String.valueOf(i + 1), names[i], "肇庆台账投资有限公司",
                    names[i].startsWith("!") ? "449999" : "441204", "NEW_ENERGY", "8000.5", "2024-04-01", "2024-05-06",
                    "重点项目"});
            }
        }
        Path file = Files.createTempFile("ledger-", ".csv");
        file.toFile().deleteOnExit();
        return Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }

    private void dryRun(Path ledger) {
        find("#ledger-form [name=file]").sendKeys(ledger.toAbsolutePath().toString());
        find("[data-action=imports][value=dry-run]").click();
        chromium.waitUntil(d -> !d.findElements(By.id("ledger-plan")).isEmpty());
    }

    @Test
    void aLedgerIsTriedThenImportedAndItsNewProjectIsInMyProjects() throws IOException {
        String name = "台账导入-" + UUID.randomUUID().toString().substring(0, 8);
        Path ledger = ledgerCsv(name);
        chromium.open("/workbench/ledger");
        assertThat(find("#nav-ledger").getDomAttribute("aria-current")).isEqualTo("page");
        long before = jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();

        dryRun(ledger);
        assertThat(find("[data-count=rows] dd").getText()).isEqualTo("1");
        assertThat(find("[data-count=changed] dd").getText()).isEqualTo("1");
        assertThat(find("#ledger-plan tbody").getText()).contains("2", "新项目", "登记 → 签约");
        assertThat(find("#ledger-problems").getText()).isEqualTo("没有问题。");
        assertThat(find("#ledger-ignored").getText()).contains("备注");
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single())
                .as("a dry run stores nothing").isEqualTo(before);

        find("[data-action=imports][value=apply]").click();
        chromium.waitUntil(d -> d.findElements(By.cssSelector("#ledger-progress:not([data-status=RUNNING])")).isEmpty()
                ? null : true);
        assertThat(find("#ledger-progress").getDomAttribute("data-status")).isEqualTo("DONE");
        assertThat(find("#ledger-outcome [role=status]").getText()).contains("导入完成");
        assertThat(find("[data-count=applied] dd").getText()).isEqualTo("1");
        assertThat(find("[data-count=failed] dd").getText()).isEqualTo("0");
        for (String download : List.of("#ledger-report", "#ledger-template")) {
            Object answer = chromium.script("return fetch(arguments[0])"
                    + ".then(r => r.status + ' ' + r.headers.get('Content-Type'));",
                    find(download).getDomAttribute("href"));
            assertThat(answer).as(download).asString().startsWith("200 application/vnd.openxml");
        }

        find("#ledger-to-projects").click();
        chromium.awaitReady();
        assertThat(browser.getCurrentUrl()).contains("/workbench?awaitPosition=");
        chromium.open("/workbench?q=" + TestHttp.encode(name));
        WebElement imported = find("#my-projects tbody tr[data-project-id]");
        assertThat(imported.getText()).contains(name, "肇庆台账投资有限公司", "8000.5");
        assertThat(find("#export-csv").getDomAttribute("href"))
                .isEqualTo("/api/v1/ledger.csv?q=" + TestHttp.encode(name));
        Object exported = chromium.script("return fetch(arguments[0])"
                + ".then(r => r.status + ' ' + r.headers.get('Content-Type'));",
                find("#export-xlsx").getDomAttribute("href"));
        assertThat(exported).as("the export rides on the page's session").asString()
                .startsWith("200 application/vnd.openxml");

        Path withAProblem = ledgerCsv("台账截图-" + UUID.randomUUID().toString().substring(0, 8), "!区域不存在");
        screenshots("workbench-ledger", "/workbench/ledger", () -> dryRun(withAProblem));
        assertThat(find("#ledger-problems tbody td").getText()).as("the row as the spreadsheet shows it")
                .isEqualTo("3");
    }
}
