package cn.pipelinetracker.query.alerts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The alert thresholds ({@code pipeline.alerts.*}), each rule's yellow and red level. Defaults are the contract's:
 * not started 90 / 180 days after signing, no progress report for 1 / 2 full months, suspended 90 / 180 days.
 */
@ConfigurationProperties("pipeline.alerts")
public record AlertSettings(@DefaultValue Days notStarted, @DefaultValue Months noProgressReport,
                            @DefaultValue Days suspendedLong) {

    /** Yellow from {@code yellowAfterDays} days on, red from {@code redAfterDays}. */
    public record Days(@DefaultValue("90") int yellowAfterDays, @DefaultValue("180") int redAfterDays) {

        public Days {
            requireOrdered(yellowAfterDays, redAfterDays, "days");
        }
    }

    /** Yellow when the last {@code yellowAfterMonths} full months have no report, red for {@code redAfterMonths}. */
    public record Months(@DefaultValue("1") int yellowAfterMonths, @DefaultValue("2") int redAfterMonths) {

        public Months {
            requireOrdered(yellowAfterMonths, redAfterMonths, "months");
        }
    }

    private static void requireOrdered(int yellow, int red, String unit) {
        if (yellow < 1 || red <= yellow) {
            throw new IllegalArgumentException("alert thresholds need 1 <= yellow < red " + unit + ", not yellow "
                    + yellow + " and red " + red);
        }
    }
}
