package cn.pipelinetracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A node of the region tree: a GB/T 2260 administrative division ({@code 441200}) or a development zone or
 * park below one, coded by this project as the division's code plus suffixes ({@code 440600-FSHT}).
 * Whether the code is known is a question for the reference data, not for this type.
 */
public record RegionCode(String value) {

    /** What a region code looks like (a request's Bean Validation uses it too). */
    public static final String WELL_FORMED = "\\d{6}(-[A-Z0-9]{1,12}){0,3}";
    private static final Pattern FORMAT = Pattern.compile(WELL_FORMED);

    public RegionCode {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a region code: " + value);
        }
    }

    @JsonCreator
    public static RegionCode of(String value) {
        return new RegionCode(value);
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
