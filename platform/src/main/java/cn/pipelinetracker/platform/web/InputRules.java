package cn.pipelinetracker.platform.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * What every text, date and instant that comes in must be for PostgreSQL to store it faithfully and for the system to
 * mean something by it. One set of rules for every way in: JSON bodies ({@link StrictInputModule}), query parameters
 * ({@link QueryTextFilter}), and files imported later. Each check answers null when the value is fine, or what is
 * wrong with it.
 * <ul>
 *     <li>Text: no NUL (PostgreSQL cannot store it in {@code text} or {@code jsonb}), no other C0 control character
 *     but tab, line feed and carriage return, no unpaired surrogate (stored as {@code ?}, not as sent). Invalid
 *     UTF-8, overlong forms included, is refused where bytes are decoded.</li>
 *     <li>Business dates: years 1900 to 2999.</li>
 *     <li>Instants: years 1 to 9999 (inside PostgreSQL's {@code timestamptz}).</li>
 * </ul>
 */
public final class InputRules {

    public static final LocalDate FIRST_DATE = LocalDate.of(1900, 1, 1);
    public static final LocalDate LAST_DATE = LocalDate.of(2999, 12, 31);
    public static final Instant FIRST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

    public static final String DATE_FORMAT = "must be a date YYYY-MM-DD";
    public static final String INSTANT_FORMAT = "must be an instant such as 2024-07-01T00:00:00Z";
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private InputRules() {
    }

    /** Exactly {@code YYYY-MM-DD}, a real day, within the business years; else IllegalArgumentException saying why. */
    public static LocalDate parseDate(String text) {
        String given = text.strip();
        LocalDate date;
        try {
            date = DATE.matcher(given).matches() ? LocalDate.parse(given) : null;
        } catch (DateTimeException notADay) {
            date = null;
        }
        if (date == null) {
            throw new IllegalArgumentException(DATE_FORMAT);
        }
        refuse(dateProblem(date));
        return date;
    }

    /** ISO-8601 ({@code 2024-07-01T00:00:00Z}) within PostgreSQL's range; else IllegalArgumentException saying why. */
    public static Instant parseInstant(String text) {
        Instant instant;
        try {
            instant = Instant.parse(text.strip());
        } catch (DateTimeException notAnInstant) {
            throw new IllegalArgumentException(INSTANT_FORMAT);
        }
        refuse(instantProblem(instant));
        return instant;
    }

    private static void refuse(String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** The rule for text that comes in: storable, and no control character but tab, line feed, carriage return. */
    public static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != 0 && c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return String.format("must not contain the control character U+%04X", (int) c);
            }
        }
        return storableTextProblem(text);
    }

    /** What PostgreSQL cannot store faithfully in {@code text} or {@code jsonb}: NUL, unpaired surrogates. */
    public static String storableTextProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("must not contain an unpaired surrogate (U+%04X): it is not a character", (int) c);
            }
        }
        return null;
    }

    public static String dateProblem(LocalDate date) {
        if (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE)) {
            return "must be a date between " + FIRST_DATE + " and " + LAST_DATE;
        }
        return null;
    }

    public static String instantProblem(Instant instant) {
        if (instant.isBefore(FIRST_INSTANT) || instant.isAfter(LAST_INSTANT)) {
            return "must be an instant between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z";
        }
        return null;
    }

    /** Decodes bytes as UTF-8, refusing anything that is not (overlong forms, encoded surrogates, stray bytes). */
    public static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }
}
