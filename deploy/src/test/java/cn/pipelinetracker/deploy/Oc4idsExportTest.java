package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OC4IDS export of the demo data is a valid OC4IDS 0.9.4 project package (checked with a JSON-Schema validator
 * against the standard's own draft-04 schema) and every code in it is one of the standard's codelists.
 */
@DemoDataTest
class Oc4idsExportTest {

    private static final String SCHEMA_BASE = "https://standard.open-contracting.org/infrastructure/schema/0__9__4/";
    private static Schema packageSchema;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    TestHttp http;
    long head;

    @BeforeAll
    static void schema() {
        // the package schema refers to the project schema by its URL: read both from the test resources, offline
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix(SCHEMA_BASE, "classpath:oc4ids/")));
        packageSchema = registry.getSchema(SchemaLocation.of(SCHEMA_BASE + "project-package-schema.json"));
    }

    @BeforeEach
    void loaded() {
        http = TestHttp.onPort(port);
        head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
    }

    private JsonNode export(TestHttp as, String query) {
        TestHttp.Response response = as.get("/api/v1/oc4ids/projects?awaitPosition=" + head + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return Json.of(response);
    }

    @Test
    void theWholeProvinceIsAValidProjectPackage() {
        JsonNode exported = export(http, "");

        List<Error> errors = packageSchema.validate(exported);
        assertThat(errors).isEmpty();
        assertThat(exported.get("version").asString()).isEqualTo("0.9");
        long voided = jdbc.sql("SELECT count(*) FROM project_view WHERE status = 'VOIDED'").query(Long.class).single();
        long others = jdbc.sql("SELECT count(*) FROM project_view WHERE status <> 'VOIDED'").query(Long.class).single();
        assertThat(voided).isPositive();
        assertThat(exported.get("projects")).hasSize((int) others);
        assertThat(statuses(exported)).contains("preparation", "implementation", "cancelled");
    }

    @Test
    void theValidatorRefusesWhatTheStandardDoesNotAllow() {
        JsonNode exported = export(http, "&regionCode=441204");
        ObjectNode broken = (ObjectNode) exported.deepCopy();
        ObjectNode first = (ObjectNode) broken.get("projects").get(0);
        first.put("status", "suspended");
        ((ObjectNode) first.get("milestones").get(0)).put("dateMet", "2024-02-06");

        assertThat(packageSchema.validate(broken)).extracting(Error::getKeyword).contains("enum", "format");
    }

    @Test
    void everyCodeIsOneOfTheStandardsCodelists() {
        JsonNode exported = export(http, "");
        Set<String> currencies = codelist("currency");
        for (JsonNode project : exported.get("projects")) {
            assertThat(codelist("projectStatus")).contains(project.get("status").asString());
            project.get("sector").forEach(sector -> assertThat(codelist("projectSector")).contains(sector.asString()));
            assertThat(currencies).contains(project.at("/budget/amount/currency").asString());
            for (JsonNode party : project.get("parties")) {
                party.get("roles").forEach(role -> assertThat(codelist("partyRole")).contains(role.asString()));
            }
            for (JsonNode milestone : project.get("milestones")) {
                assertThat(codelist("milestoneType")).contains(milestone.get("type").asString());
                assertThat(codelist("milestoneStatus")).contains(milestone.get("status").asString());
                if (milestone.has("code")) {
                    assertThat(codelist("milestoneCode")).contains(milestone.get("code").asString());
                }
            }
            for (JsonNode metric : project.path("metrics")) {
                assertThat(codelist("metricID")).contains(metric.get("id").asString());
                metric.get("observations").forEach(observation -> {
                    if (observation.has("value")) {
                        assertThat(currencies).contains(observation.at("/value/currency").asString());
                    }
                });
            }
        }
    }

    @Test
    void aProjectCarriesItsCodeBudgetMilestonesProgressAndCorrections() {
        JsonNode minglida = only(export(http, "&regionCode=441204"), "明丽达新能源零部件项目（一期）");
        assertThat(minglida.get("id").asString()).startsWith("oc4ids-unregistered-");
        assertThat(minglida.at("/identifiers/0/id").asString()).startsWith("2401-441204-");
        assertThat(minglida.get("status").asString()).isEqualTo("implementation");
        assertThat(minglida.get("sector").get(0).asString()).isEqualTo("energy");
        assertThat(minglida.at("/budget/amount/amount").decimalValue()).isEqualByComparingTo("1000000000");
        assertThat(minglida.at("/locations/0/id").asString()).isEqualTo("441204");
        assertThat(minglida.at("/publicAuthority/id").asString()).isEqualTo("authority-441204");
        JsonNode signed = milestone(minglida, "SIGNED");
        assertThat(signed.get("dateMet").asString()).isEqualTo("2024-03-18T00:00:00+08:00");
        assertThat(signed.has("dateModified")).isFalse();

        JsonNode lighthouse = only(export(http, "&regionCode=440600-FSHT"), "佛山灯塔社区创新中心项目");
        JsonNode physical = lighthouse.get("metrics").get(0);
        assertThat(physical.get("id").asString()).isEqualTo("physicalProgress");
        assertThat(physical.get("observations")).hasSize(2);
        assertThat(physical.at("/observations/1/measure").decimalValue()).isEqualByComparingTo("62.9");
        assertThat(lighthouse.at("/metrics/1/observations/1/value/amount").decimalValue())
                .isEqualByComparingTo("333370000");

        String corrected = jdbc.sql("""
                        SELECT project_id FROM project_history WHERE type = 'MilestoneDateCorrectedEvent' LIMIT 1""")
                .query(String.class).single();
        JsonNode correctedProject = StreamSupport.stream(export(http, "&regionCode=441200").get("projects").spliterator(), false)
                .filter(project -> project.get("id").asString().endsWith(corrected)).findFirst().orElseThrow();
        assertThat(milestone(correctedProject, "SIGNED").get("dateModified").asString()).endsWith("Z");
    }

    @Test
    void regionsAndRolesAreThoseOfTheProjectList() {
        JsonNode zhaoqing = export(http.as("zq-leader"), "");
        assertThat(zhaoqing.get("projects")).allSatisfy(project ->
                assertThat(project.at("/locations/0/id").asString()).startsWith("4412"));
        assertThat(export(http.as("zq-clerk"), "&regionCode=441204").get("projects")).isNotEmpty();
        assertThat(export(http.as("auditor"), "&regionCode=440600").get("projects")).isNotEmpty();

        assertThat(http.as("fs-leader").get("/api/v1/oc4ids/projects?regionCode=441200").status()).isEqualTo(403);
        assertThat(http.get("/api/v1/oc4ids/projects?regionCode=999999").status()).isEqualTo(400);
        assertThat(http.anonymous().get("/api/v1/oc4ids/projects").status()).isEqualTo(401);
    }

    @Test
    void onlyProjectsChangedAfterAnInstantAndNoneIsNoContent() {
        String newest = export(http, "").get("publishedDate").asString();
        TestHttp.Response none = http.get("/api/v1/oc4ids/projects?updatedAfter=" + newest);
        assertThat(none.status()).as(none.body()).isEqualTo(204);
        assertThat(none.body()).isEmpty();

        JsonNode all = export(http, "&updatedAfter=2000-01-01T00:00:00Z");
        assertThat(all.get("projects")).isNotEmpty();
        assertThat(all.get("projects")).allSatisfy(project ->
                assertThat(project.get("updated").asString()).isGreaterThan("2000-01-01T00:00:00Z"));
    }

    private static Set<String> statuses(JsonNode exported) {
        Set<String> statuses = new HashSet<>();
        exported.get("projects").forEach(project -> statuses.add(project.get("status").asString()));
        return statuses;
    }

    private static JsonNode only(JsonNode exported, String title) {
        List<JsonNode> found = StreamSupport.stream(exported.get("projects").spliterator(), false)
                .filter(project -> project.get("title").asString().equals(title)).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static JsonNode milestone(JsonNode project, String id) {
        return StreamSupport.stream(project.get("milestones").spliterator(), false)
                .filter(milestone -> milestone.get("id").asString().equals(id)).findFirst().orElseThrow();
    }

    /** The codes of one of the standard's codelists (the first column of its CSV, none of which is quoted). */
    private static Set<String> codelist(String name) {
        try (InputStream in = Oc4idsExportTest.class.getResourceAsStream("/oc4ids/codelists/" + name + ".csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1)
                    .map(line -> line.substring(0, line.indexOf(',')))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
