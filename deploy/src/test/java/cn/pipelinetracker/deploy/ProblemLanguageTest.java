package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problems speak the reader's language (contract additions, "Pages for every role"): {@code Accept-Language: zh-CN}
 * gives Chinese title, detail and field messages; no header, or any other language, English; type and status the
 * same either way.
 */
@PipelineIntegrationTest
class ProblemLanguageTest {

    private static final String REGISTRATION = """
            {"name":"语言测试项目","investor":"投资方","regionCode":"441202","industry":"NEW_ENERGY",
             "plannedInvestmentYuan":1000,"registeredOn":"2024-01-02"}""";

    @LocalServerPort
    int port;
    TestHttp http;

    @BeforeEach
    void client() {
        http = TestHttp.onPort(port).as("zq-clerk", "zq-clerk-pw");
    }

    private JsonNode both(String path, String body, int status, String... chineseFragments) {
        JsonNode english = http.post(path, body).json();
        JsonNode french = http.post(path, body, "Accept-Language", "fr-FR").json();
        TestHttp.Response zh = http.post(path, body, "Accept-Language", "zh-CN,zh;q=0.9");
        JsonNode chinese = zh.json();
        assertThat(zh.status()).isEqualTo(status);
        assertThat(chinese.get("status").asInt()).isEqualTo(english.get("status").asInt()).isEqualTo(status);
        assertThat(chinese.get("type").asString()).isEqualTo(english.get("type").asString());
        assertThat(french.get("title").asString()).isEqualTo(english.get("title").asString());
        assertThat(french.get("detail").asString()).isEqualTo(english.get("detail").asString());
        String chineseText = chinese.get("title").asString() + chinese.get("detail").asString()
                + (chinese.has("errors") ? chinese.get("errors").toString() : "");
        assertThat(chinese.get("title").asString()).as(chinese.toString()).containsPattern("\\p{IsHan}");
        assertThat(english.get("title").asString() + english.get("detail").asString())
                .as(english.toString()).doesNotContainPattern("[请项不须已]");
        for (String fragment : chineseFragments) {
            assertThat(chineseText).as(chinese.toString()).contains(fragment);
        }
        return chinese;
    }

    @Test
    void aBrokenRuleOfTheProjectIsExplainedInChinese() {
        String id = http.post("/api/v1/projects", REGISTRATION).json().get("projectId").asString();
        http.post("/api/v1/projects/" + id + "/sign", "{\"signedOn\":\"2024-02-01\"}");
        JsonNode chinese = both("/api/v1/projects/" + id + "/sign", "{\"signedOn\":\"2024-02-02\"}", 409,
                "项目当前状态不允许此操作", "已于 2024-02-01 签约，不能再次签约");
        assertThat(chinese.get("type").asString()).endsWith("milestone-reached-once");
    }

    @Test
    void aFieldThatBreaksAnInputRuleIsNamedInChinese() {
        JsonNode chinese = both("/api/v1/projects", REGISTRATION.replace("语言测试项目", "名\\u0000称"), 400,
                "请求无效", "不得包含 NUL 字符");
        assertThat(chinese.get("errors").get(0).get("field").asString()).isEqualTo("name");
    }

    @Test
    void aMissingFieldIsExplainedInChinese() {
        both("/api/v1/projects", REGISTRATION.replace("\"name\":\"语言测试项目\",", ""), 400, "请求无效", "name");
    }

    @Test
    void anUnknownProjectIsExplainedInChinese() {
        both("/api/v1/projects/" + UUID.randomUUID() + "/suspend", "{\"reason\":\"停工\"}", 404, "项目不存在",
                "没有编号为");
    }

    @Test
    void anyChineseAskedForIsChineseAndAProjectOutsideTheRegionIsNamedInChinese() {
        String id = http.post("/api/v1/projects", REGISTRATION).json().get("projectId").asString();
        TestHttp foshan = TestHttp.onPort(port).as("fs-clerk", "fs-clerk-pw");
        for (String language : new String[]{"zh", "zh-TW", "zh-Hans-CN", "fr-FR, zh;q=0.5"}) {
            JsonNode refused = foshan.post("/api/v1/projects/" + id + "/suspend", "{\"reason\":\"停工\"}",
                    "Accept-Language", language).json();
            assertThat(refused.get("title").asString()).as(language).isEqualTo("超出您的区域");
            assertThat(refused.get("detail").asString()).as(language).isEqualTo("项目 " + id + " 不在您的区域 440600 之内");
        }
        assertThat(foshan.post("/api/v1/projects/" + id + "/suspend", "{\"reason\":\"停工\"}",
                "Accept-Language", "en-GB, zh;q=0.5").json().get("title").asString()).isEqualTo("Outside your region");
    }

    @Test
    void theSecurityRefusalsSpeakChineseToo() {
        TestHttp.Response unauthenticated = TestHttp.onPort(port).anonymous().get("/api/v1/regions",
                "Accept-Language", "zh-CN");
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.json().get("title").asString()).isEqualTo("未登录");
        assertThat(unauthenticated.json().get("detail").asString()).startsWith("请先登录");
        TestHttp.Response role = TestHttp.onPort(port).as("zq-leader", "zq-leader-pw").post("/api/v1/projects",
                REGISTRATION, "Accept-Language", "zh-CN");
        assertThat(role.status()).isEqualTo(403);
        assertThat(role.json().get("title").asString()).isEqualTo("您的角色无权执行此操作");
        assertThat(role.json().get("type").asString()).endsWith("role-forbidden");
    }

    @Test
    void aDateInTheWrongFormIsExplainedInChinese() {
        both("/api/v1/projects", REGISTRATION.replace("2024-01-02", "2024/01/02"), 400, "必须是日期");
    }
}
