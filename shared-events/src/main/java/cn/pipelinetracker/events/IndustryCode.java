package cn.pipelinetracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.regex.Pattern;

/** An industry of the project's industry list, e.g. {@code NEW_ENERGY}. */
public record IndustryCode(String value) {

    /** What an industry code looks like (a request's Bean Validation uses it too). */
    public static final String WELL_FORMED = "[A-Z][A-Z0-9_]{1,39}";
    private static final Pattern FORMAT = Pattern.compile(WELL_FORMED);

    public IndustryCode {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not an industry code: " + value);
        }
    }

    @JsonCreator
    public static IndustryCode of(String value) {
        return new IndustryCode(value);
    }

    public static boolean isWellFormed(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
