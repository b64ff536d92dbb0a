package cn.pipelinetracker.query.rebuild;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoredInstantsTest {

    @Test
    void readsWhatAxonReadsInEveryFormTheStoreHolds() {
        for (String text : List.of("2024-05-01T08:30:00.123Z", "2024-02-29T23:59:59Z", "1999-12-31T00:00:00.1Z",
                "2026-11-30T23:18:37.123456789Z", "2026-01-01T00:00:00.000001Z", "2024-05-01T08:30:00+08:00",
                "2024-05-01T08:30:00.5+00:00")) {
            assertThat(StoredInstants.parse(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
        }
        assertThat(StoredInstants.parse(DateTimeUtils.formatInstant(Instant.ofEpochSecond(1_700_000_000L, 7_000_000))))
                .isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 7_000_000));
    }

    @Test
    void writesTheInstantInFullWithNineFractionDigits() {
        for (Instant instant : List.of(Instant.parse("2024-05-01T08:30:00Z"), Instant.parse("2026-11-30T23:18:37.1Z"),
                Instant.ofEpochSecond(1_700_000_000L, 123_456_789), Instant.parse("0999-01-01T00:00:00Z"))) {
            StringBuilder buffer = new StringBuilder();
            StoredInstants.append(buffer, instant);
            assertThat(Instant.parse(buffer)).as(buffer.toString()).isEqualTo(instant);
        }
        StringBuilder buffer = new StringBuilder();
        StoredInstants.append(buffer, Instant.parse("2024-05-01T08:03:09.05Z"));
        assertThat(buffer).hasToString("2024-05-01T08:03:09.050000000Z");
    }
}
