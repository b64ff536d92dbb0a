package cn.pipelinetracker.query.rebuild;

import org.axonframework.common.DateTimeUtils;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The event store's timestamps ({@code 2024-05-01T08:30:00.123Z}) read and written by hand: a {@code DateTimeFormatter}
 * costs a set-based rebuild about a sixth of its load workers' time for the million parses and formats of a large log
 * (docs/performance.md, "The rebuild phase by phase"). A text of another form goes to Axon's own parser.
 */
final class StoredInstants {

    private StoredInstants() {
    }

    /** The instant of a stored timestamp, as Axon's {@link DateTimeUtils#parseInstant} gives it. */
    static Instant parse(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z'
                || (length > 20 && (text.charAt(19) != '.' || length == 21))) {
            return DateTimeUtils.parseInstant(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            int fraction = digits(text, 20, length - 1);
            nanos = fraction < 0 ? -1 : fraction * (int) Math.pow(10, 9 - (length - 21));
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || nanos < 0) {
            return DateTimeUtils.parseInstant(text);
        }
        return Instant.ofEpochSecond(LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3_600L
                + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character there is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Appends the instant as {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ} (PostgreSQL reads it as Instant's own text). */
    static void append(StringBuilder buffer, Instant instant) {
        LocalDateTime at = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (at.getYear() < 1000 || at.getYear() > 9999) {
            buffer.append(instant);
            return;
        }
        buffer.append(at.getYear()).append('-');
        twoDigits(buffer, at.getMonthValue()).append('-');
        twoDigits(buffer, at.getDayOfMonth()).append('T');
        twoDigits(buffer, at.getHour()).append(':');
        twoDigits(buffer, at.getMinute()).append(':');
        twoDigits(buffer, at.getSecond()).append('.');
        String nanos = Integer.toString(at.getNano());
        buffer.append("000000000", 0, 9 - nanos.length()).append(nanos).append('Z');
    }

    private static StringBuilder twoDigits(StringBuilder buffer, int value) {
        return buffer.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
