package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.test.TestHttp;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger's round trip on the demo data (contract, "The ledger"): export as xlsx and CSV; import the export
 * unchanged (nothing to do, nothing appended); edit rows and see exactly those commands and problems planned and
 * stored; apply again (nothing new); the same rows as GB18030 and as UTF-8 with a BOM; an xlsx written by another
 * library with title rows, 序号, a 合计 line, date cells and numbers stored as text. Its applies change the demo
 * data, so its context is not shared on.
 */
@DemoDataTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LedgerRoundTripTest {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();
    private static final String CLERK = "zq-clerk";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    LedgerHttp clerk;
    long head;

    @BeforeEach
    void signIn() {
        clerk = new LedgerHttp(port, CLERK);
        head = head();
    }

    private long head() {
        return jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
    }

    private long projectsIn(String regionPrefix) {
        return jdbc.sql("SELECT count(*) FROM project_view WHERE region_code LIKE ?").param(regionPrefix + "%")
                .query(Long.class).single();
    }

    private List<String[]> exportCsv() {
        LedgerHttp.Answer answer = clerk.get("/api/v1/ledger.csv?awaitPosition=" + head);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body()).startsWith(0xEF, 0xBB, 0xBF);
        List<String[]> rows = new ArrayList<>();
        CSV.readerFor(String[].class).readValues(answer.text().substring(1)).forEachRemaining(row ->
                rows.add((String[]) row));
        return rows;
    }

    private static byte[] csv(List<String[]> rows, Charset charset, boolean bom) {
        StringWriter text = new StringWriter();
        text.write(bom ? "\uFEFF" : "");
        try (SequenceWriter writer = CSV.writerFor(String[].class).with(CsvSchema.emptySchema()).writeValues(text)) {
            rows.forEach(writer::write);
        }
        return text.toString().getBytes(charset);
    }

    private JsonNode dryRun(String fileName, byte[] file, String... fields) {
        LedgerHttp.Answer answer = clerk.upload(fileName, file, null, fields);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return Json.parse(answer.text());
    }

    private JsonNode apply(String fileName, byte[] file) {
        LedgerHttp.Answer started = clerk.upload(fileName, file, null, "mode", "apply");
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String importId = Json.parse(started.text()).get("importId").asString();
        return await().atMost(Duration.ofSeconds(60)).until(() -> Json.parse(
                clerk.get("/api/v1/ledger/imports/" + importId).text()), status -> !status.get("status").asString()
                .equals("RUNNING"));
    }

    @Test
    void theExportHoldsEveryProjectOfTheSubtreeWithTheChineseHeader() throws IOException {
        List<String[]> csv = exportCsv();
        assertThat(csv.get(0)).startsWith("系统编号", "项目代码", "项目名称", "投资方", "区域代码", "所在区域");
        assertThat(csv.get(0)).contains("计划总投资（万元）", "签约日期", "形象进度（%）", "到位资金（万元）", "版本");
        assertThat(csv).hasSize((int) projectsIn("4412") + 1);

        LedgerHttp.Answer xlsx = clerk.get("/api/v1/ledger.xlsx?regionCode=441200&awaitPosition=" + head);
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.raw().headers().firstValue("Content-Disposition")).hasValueSatisfying(value ->
                assertThat(value).contains("ledger.xlsx"));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(csv.size() - 1);
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            int signed = Arrays.asList(csv.get(0)).indexOf("签约日期");
            int planned = Arrays.asList(csv.get(0)).indexOf("计划总投资（万元）");
            var row = StreamSupport.stream(sheet.spliterator(), false).skip(1)
                    .filter(r -> r.getCell(signed) != null).findFirst().orElseThrow();
            assertThat(DateUtil.isCellDateFormatted(row.getCell(signed))).isTrue();
            assertThat(row.getCell(planned).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00####");
            String id = row.getCell(0).getStringCellValue();
            BigDecimal yuan = jdbc.sql("SELECT planned_investment_yuan FROM project_view WHERE project_id = ?")
                    .param(id).query(BigDecimal.class).single();
            assertThat(BigDecimal.valueOf(row.getCell(planned).getNumericCellValue()).movePointRight(4))
                    .isEqualByComparingTo(yuan);
        }

        LedgerHttp.Answer leader = new LedgerHttp(port, "fs-leader").get("/api/v1/ledger.csv?regionCode=441200");
        assertThat(leader.status()).isEqualTo(403);
    }

    @Test
    void theRoundTripChangesExactlyWhatWasEdited() throws IOException {
        // the demo's Zhaoqing projects are all signed: one registered only, for a new signing date
        TestHttp.Response registered = TestHttp.onPort(port).as(CLERK).post("/api/v1/projects", """
                {"name":"待签约项目","investor":"肇庆某投资有限公司","regionCode":"441203","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":20000000,"registeredOn":"2024-01-15"}""");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        head = head();
        LedgerHttp.Answer exported = clerk.get("/api/v1/ledger.xlsx?awaitPosition=" + head);
        JsonNode unchanged = dryRun("ledger.xlsx", exported.body());
        long rows = projectsIn("4412");
        assertThat(unchanged.get("rows").asLong()).isEqualTo(rows);
        assertThat(unchanged.get("unchanged").asLong()).as(unchanged.toString()).isEqualTo(rows);
        assertThat(unchanged.get("problems")).isEmpty();
        JsonNode appliedUnchanged = apply("ledger.xlsx", exported.body());
        assertThat(appliedUnchanged.get("applied").asInt()).isZero();
        assertThat(head()).isEqualTo(head);

        List<String[]> csv = exportCsv();
        List<String> header = Arrays.asList(csv.get(0));
        Edits edits = new Edits(csv, header);
        int newSigning = edits.pick("REGISTERED", row -> row[edits.col("签约日期")] = row[edits.col("入库日期")]);
        int newStart = edits.pick("SIGNED", row -> row[edits.col("开工日期")] = row[edits.col("签约日期")]);
        int newAmount = edits.pick("SIGNED", row -> row[edits.col("计划总投资（万元）")] =
                new BigDecimal(row[edits.col("计划总投资（万元）")]).add(BigDecimal.valueOf(100)).toPlainString());
        int progress = edits.pick("UNDER_CONSTRUCTION", row -> {
            row[edits.col("累计完成投资（万元）")] = "123.45";
            row[edits.col("形象进度（%）")] = "40";
            row[edits.col("进度截至")] = row[edits.col("开工日期")];
        });
        int badDate = edits.pick("SIGNED", row -> row[edits.col("竣工日期")] = "2024-13-45");
        int stale = edits.pick("SIGNED", row -> {
            row[edits.col("计划总投资（万元）")] = "1";
            row[edits.col("版本")] = String.valueOf(Long.parseLong(row[edits.col("版本")]) - 1);
        });
        int newProject = edits.add("441202", "台账新增项目", "2024-05-06");
        int outside = edits.add("440604", "区外项目", "2024-05-06");

        byte[] edited = csv(csv, StandardCharsets.UTF_8, true);
        JsonNode plan = dryRun("ledger-edited.csv", edited);
        assertThat(plan.get("rows").asLong()).isEqualTo(rows + 2);
        assertThat(plan.get("changed").asInt()).isEqualTo(5);
        assertThat(plan.get("unchanged").asLong()).isEqualTo(rows - 6);
        assertThat(commandsOf(plan, newSigning)).containsExactly("sign");
        assertThat(commandsOf(plan, newStart)).containsExactly("start-construction");
        assertThat(commandsOf(plan, newAmount)).containsExactly("revise-investment");
        assertThat(commandsOf(plan, progress)).containsExactly("report-progress");
        assertThat(commandsOf(plan, newProject)).containsExactly("register", "sign");
        assertThat(plan.get("problems")).extracting(p -> p.get("row").asInt() + ":" + p.get("column").asString())
                .containsExactlyInAnyOrder(badDate + ":constructionCompletedOn", stale + ":version", outside + ":regionCode");

        JsonNode applied = apply("ledger-edited.csv", edited);
        assertThat(applied.get("status").asString()).isEqualTo("DONE");
        assertThat(applied.get("applied").asInt()).isEqualTo(5);
        assertThat(applied.get("failed").asInt()).isEqualTo(3);
        assertThat(applied.get("unchanged").asLong()).isEqualTo(rows - 6);
        long appended = jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE global_index > ?").param(head)
                .query(Long.class).single();
        assertThat(appended).isEqualTo(6);
        assertThat(jdbc.sql("SELECT DISTINCT convert_from(meta_data, 'UTF8')::jsonb ->> 'source' FROM "
                + "domain_event_entry WHERE global_index > ?").param(head).query(String.class).list())
                .containsExactly("IMPORT");
        assertThat(applied.get("position").asLong()).isEqualTo(head());
        LedgerHttp.Answer report = clerk.get("/api/v1/ledger/imports/" + applied.get("importId").asString()
                + "/report.xlsx");
        assertThat(report.status()).as(report.text()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(report.body()))) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("Import report");
            List<String> problemLines = IntStream.rangeClosed(sheet.getLastRowNum() - 2,
                            sheet.getLastRowNum()).mapToObj(sheet::getRow)
                    .map(row -> (int) row.getCell(0).getNumericCellValue() + ":" + row.getCell(1).getStringCellValue())
                    .toList();
            assertThat(problemLines).containsExactlyInAnyOrder(badDate + ":竣工日期", stale + ":版本",
                    outside + ":区域代码");
        }

        long afterFirst = head();
        JsonNode again = apply("ledger-edited.csv", edited);
        assertThat(again.get("applied").asInt()).isZero();
        assertThat(again.get("unchanged").asLong()).isEqualTo(rows - 1);
        assertThat(head()).isEqualTo(afterFirst);

        JsonNode chinese = Json.parse(clerk.upload("ledger-edited.csv", edited, "zh-CN").text());
        assertThat(chinese.get("problems").toString()).contains("不在您的辖区内");
    }

    @Test
    void theTemplateListsTheClerksRegionsAndItsExampleRowPassesADryRun() throws IOException {
        LedgerHttp.Answer template = clerk.get("/api/v1/ledger/template.xlsx");
        assertThat(template.status()).as(template.text()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template.body()))) {
            XSSFSheet ledger = workbook.getSheetAt(0);
            List<String> header = StreamSupport.stream(ledger.getRow(0).spliterator(), false)
                    .map(cell -> cell.getStringCellValue()).toList();
            assertThat(header).contains("项目名称", "区域代码", "计划总投资（万元）", "签约日期").doesNotContain("系统编号", "版本");
            assertThat(ledger.getDataValidations()).extracting(v -> v.getValidationConstraint().getFormula1())
                    .contains("'代码表'!$A$2:$A$" + (RegionTree.bundled().subtree("441200").size() + 1));
            XSSFSheet codes = workbook.getSheet("代码表");
            assertThat(codes.getRow(1).getCell(0).getStringCellValue()).isEqualTo("441200");
            String exampleRegion = ledger.getRow(1).getCell(header.indexOf("区域代码")).getStringCellValue();
            assertThat(exampleRegion).startsWith("4412");
        }

        JsonNode plan = dryRun("ledger-template.xlsx", template.body());
        assertThat(plan.get("problems")).as(plan.toString()).isEmpty();
        assertThat(plan.get("plan")).hasSize(1);
        assertThat(plan.get("plan").get(0).get("commands")).extracting(JsonNode::asString)
                .containsExactly("register", "sign");
        assertThat(head()).isEqualTo(head);

        assertThat(new LedgerHttp(port, "fs-leader").get("/api/v1/ledger/template.xlsx").status()).isEqualTo(200);
    }

    @Test
    void gb18030AndUtf8WithBomReadTheSame() {
        List<String[]> csv = exportCsv();
        new Edits(csv, Arrays.asList(csv.get(0))).add("441203", "鼎湖区新材料项目（二期）", "2024-03-01");
        ObjectNode utf8 = (ObjectNode) dryRun("ledger.csv", csv(csv, StandardCharsets.UTF_8, true));
        ObjectNode gb18030 = (ObjectNode) dryRun("ledger.csv", csv(csv, Charset.forName("GB18030"), false));
        utf8.remove("importId");
        gb18030.remove("importId");
        assertThat(gb18030).isEqualTo(utf8);
        assertThat(utf8.get("changed").asInt()).isEqualTo(1);
    }

    @Test
    void anXlsxKeptByHandReadsWithItsTitleRowsRowNumbersTotalAndDateCells() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (Workbook workbook = new Workbook(file, "OtherOffice", "1.0")) {
            Worksheet sheet = workbook.newWorksheet("项目台账");
            sheet.value(0, 0, "2024年重点项目台账");
            sheet.range(0, 0, 0, 6).merge();
            sheet.value(1, 0, "填报单位：肇庆市投资促进局　　单位：万元");
            String[] header = {"序号", "项目名称", "投资方", "所在区域", "行业代码", "计划总投资(万元)", "签约日期", "备注"};
            for (int c = 0; c < header.length; c++) {
                sheet.value(2, c, header[c]);
            }
            sheet.value(3, 0, 1);
            sheet.value(3, 1, "手工台账项目");
            sheet.value(3, 2, "肇庆某新能源有限公司");
            sheet.value(3, 3, "端州区");
            sheet.value(3, 4, "NEW_ENERGY");
            sheet.value(3, 5, "12345.678901");
            sheet.value(3, 6, LocalDate.of(2024, 4, 2));
            sheet.style(3, 6).format("yyyy/m/d").set();
            sheet.value(3, 7, "重点");
            sheet.value(4, 0, "合计");
            sheet.value(4, 5, 12345.678901);
        }
        JsonNode plan = dryRun("手工台账.xlsx", file.toByteArray());
        assertThat(plan.get("problems")).as(plan.toString()).isEmpty();
        assertThat(plan.get("rows").asInt()).isEqualTo(1);
        assertThat(plan.get("ignoredColumns")).extracting(JsonNode::asString).containsExactly("备注");
        assertThat(plan.get("plan").get(0).get("row").asInt()).isEqualTo(4);
        assertThat(commandsOf(plan, 4)).containsExactly("register", "sign");

        JsonNode applied = apply("手工台账.xlsx", file.toByteArray());
        assertThat(applied.get("applied").asInt()).isEqualTo(1);
        var registered = jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8')::jsonb AS data FROM domain_event_entry
                        WHERE global_index > ? ORDER BY global_index""").param(head)
                .query(String.class).list();
        assertThat(registered).hasSize(2);
        assertThat(registered.get(0)).contains("\"plannedInvestmentYuan\": 123456789.01", "\"regionCode\": \"441202\"",
                "\"registeredOn\": \"2024-04-02\"");
        assertThat(registered.get(1)).contains("\"signedOn\": \"2024-04-02\"");
        assertThat(jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE global_index > ?")
                .param(head).query(String.class).list()).noneMatch(event -> event.contains("reason"));
    }

    @Test
    void unreadableFilesAndWrongRolesAreRefused() {
        LedgerHttp.Answer garbage = clerk.upload("ledger.xlsx", "PK\u0003\u0004 not a zip".getBytes(
                StandardCharsets.ISO_8859_1), null);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        LedgerHttp.Answer noHeader = clerk.upload("ledger.csv", "a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8),
                "zh-CN");
        assertThat(noHeader.status()).isEqualTo(400);
        assertThat(Json.parse(noHeader.text()).get("detail").asString()).contains("找不到表头行");
        assertThat(new LedgerHttp(port, "fs-leader").upload("ledger.csv", new byte[]{1}, null).status())
                .isEqualTo(403);
    }

    @Test
    void aDetailThatDiffersIsAProblemUnlessCorrectionsAreAskedForThenACorrection() {
        TestHttp.Response registered = TestHttp.onPort(port).as(CLERK).post("/api/v1/projects", """
                {"name":"台账更正项目","investor":"投资方甲","regionCode":"441203","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":20000000,"registeredOn":"2024-01-15"}""");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String id = Json.parse(registered.body()).get("projectId").asString();
        head = head();
        List<String[]> csv = exportCsv();
        List<String> header = Arrays.asList(csv.get(0));
        String[] row = csv.stream().filter(line -> line[header.indexOf("系统编号")].equals(id)).findFirst()
                .orElseThrow();
        row[header.indexOf("投资方")] = "投资方乙";
        byte[] file = csv(List.of(csv.get(0), row), StandardCharsets.UTF_8, true);

        JsonNode problem = dryRun("ledger.csv", file);
        assertThat(problem.get("problems").get(0).get("column").asString()).isIn("investor", "投资方");
        assertThat(problem.get("problems").get(0).get("message").asString()).contains("投资方甲").contains("投资方乙");

        JsonNode corrected = dryRun("ledger.csv", file, "corrections", "true");
        assertThat(corrected.get("problems")).isEmpty();
        assertThat(corrected.get("plan").get(0).get("commands").get(0).asString()).isEqualTo("correct-details");
        LedgerHttp.Answer started = clerk.upload("ledger.csv", file, null, "mode", "apply", "corrections", "true");
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String importId = Json.parse(started.text()).get("importId").asString();
        JsonNode done = await().atMost(Duration.ofSeconds(60)).until(() -> Json.parse(
                clerk.get("/api/v1/ledger/imports/" + importId).text()), status -> !status.get("status").asString()
                .equals("RUNNING"));
        assertThat(done.get("applied").asInt()).as(done.toString()).isEqualTo(1);
        JsonNode view = TestHttp.onPort(port).as(CLERK).get("/api/v1/projects/" + id + "?awaitPosition="
                + done.get("position").asLong()).json();
        assertThat(view.get("investor").asString()).isEqualTo("投资方乙");
    }

    private static List<String> commandsOf(JsonNode plan, int row) {
        for (JsonNode entry : plan.get("plan")) {
            if (entry.get("row").asInt() == row) {
                return StreamSupport.stream(entry.get("commands").spliterator(), false).map(JsonNode::asString)
                        .toList();
            }
        }
        throw new AssertionError("row " + row + " is not in the plan: " + plan);
    }

    /** Edits of an exported CSV: rows picked by stage (each once), and new rows; answers the spreadsheet's row. */
    private static final class Edits {

        private final List<String[]> rows;
        private final List<String> header;
        private final List<Integer> used = new ArrayList<>();

        Edits(List<String[]> rows, List<String> header) {
            this.rows = rows;
            this.header = header;
        }

        int col(String name) {
            return header.indexOf(name);
        }

        int pick(String stage, java.util.function.Consumer<String[]> edit) {
            for (int i = 1; i < rows.size(); i++) {
                String[] row = rows.get(i);
                if (!used.contains(i) && row[col("阶段")].equals(stage) && row[col("状态")].equals("ACTIVE")) {
                    used.add(i);
                    edit.accept(row);
                    return i + 1;
                }
            }
            throw new AssertionError("no active project at stage " + stage);
        }

        int add(String regionCode, String name, String signedOn) {
            String[] row = new String[header.size()];
            Arrays.fill(row, "");
            row[col("项目名称")] = name;
            row[col("投资方")] = name + "投资有限公司";
            row[col("区域代码")] = regionCode;
            row[col("行业代码")] = rows.get(1)[col("行业代码")];
            row[col("计划总投资（万元）")] = "5000";
            row[col("签约日期")] = signedOn;
            rows.add(row);
            return rows.size();
        }
    }
}
