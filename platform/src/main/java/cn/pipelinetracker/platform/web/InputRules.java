package cn.pipelinetracker.platform.web;

import cn.pipelinetracker.platform.i18n.Phrase;
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

    public static final Phrase DATE_FORMAT = Phrase.of("input.date-format", "must be a date YYYY-MM-DD");
    public static final Phrase INSTANT_FORMAT =
            Phrase.of("input.instant-format", "must be an instant such as 2024-07-01T00:00:00Z");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** A value that breaks a rule, with what is wrong in the reader's terms. */
    public static final class InputRuleException extends IllegalArgumentException {

        private final transient Phrase problem;

        public InputRuleException(Phrase problem) {
            super(problem.english());
            this.problem = problem;
        }

        public Phrase problem() {
            return problem;
        }
    }

    private InputRules() {
    }

    /** Exactly {@code YYYY-MM-DD}, a real day, within the business years; else {@link InputRuleException}. */
    public static LocalDate parseDate(String text) {
        String given = text.strip();
        LocalDate date;
        try {
            date = DATE.matcher(given).matches() ? LocalDate.parse(given) : null;
        } catch (DateTimeException notADay) {
            date = null;
        }
        if (date == null) {
            throw new InputRuleException(DATE_FORMAT);
        }
        refuse(dateProblem(date));
        return date;
    }

    /** ISO-8601 ({@code 2024-07-01T00:00:00Z}) within PostgreSQL's range; else {@link InputRuleException}. */
    public static Instant parseInstant(String text) {
        Instant instant;
        try {
            instant = Instant.parse(text.strip());
        } catch (DateTimeException notAnInstant) {
            throw new InputRuleException(INSTANT_FORMAT);
        }
        refuse(instantProblem(instant));
        return instant;
    }

    private static void refuse(Phrase problem) {
        if (problem != null) {
            throw new InputRuleException(problem);
        }
    }

    /** The rule for text that comes in: storable, and no control character but tab, line feed, carriage return. */
    public static Phrase textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != 0 && c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                String code = String.format("U+%04X", (int) c);
                return Phrase.of("input.control", "must not contain the control character " + code, code);
            }
        }
        return storableTextProblem(text);
    }

    /** What PostgreSQL cannot store faithfully in {@code text} or {@code jsonb}: NUL, unpaired surrogates. */
    public static Phrase storableTextProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return Phrase.of("input.nul", "must not contain the NUL character (U+0000)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                String code = String.format("U+%04X", (int) c);
                return Phrase.of("input.surrogate",
                        "must not contain an unpaired surrogate (" + code + "): it is not a character", code);
            }
        }
        return null;
    }

    public static Phrase dateProblem(LocalDate date) {
        if (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE)) {
            return Phrase.of("input.date-range", "must be a date between " + FIRST_DATE + " and " + LAST_DATE,
                    FIRST_DATE.toString(), LAST_DATE.toString());
        }
        return null;
    }

    public static Phrase instantProblem(Instant instant) {
        if (instant.isBefore(FIRST_INSTANT) || instant.isAfter(LAST_INSTANT)) {
            return Phrase.of("input.instant-range",
                    "must be an instant between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
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
