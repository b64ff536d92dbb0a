package cn.pipelinetracker.query.oc4ids;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.List;

/**
 * One project in the shape of OC4IDS 0.9.4's {@code project-schema.json}, only the fields this export fills. Absent
 * values are left out rather than written as null: the schema's arrays and objects need at least one item or property.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Oc4idsProject(String id, String updated, String language, List<Identifier> identifiers, String title,
                     String description, String status, List<String> sector,
                     List<Classification> additionalClassifications, List<Location> locations, Budget budget,
                     List<Organization> parties, OrganizationReference publicAuthority, List<Milestone> milestones,
                     List<Metric> metrics, Completion completion) {

    record Identifier(String id, String scheme) {
    }

    record Classification(String scheme, String id, String description) {
    }

    record Address(String region, String countryName) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Location(String id, String description, Address address) {
    }

    record Value(BigDecimal amount, String currency) {

        static Value yuan(BigDecimal amount) {
            return new Value(amount, "CNY");
        }
    }

    record Budget(Value amount) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Organization(String id, String name, List<String> roles, Address address) {
    }

    record OrganizationReference(String id, String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Milestone(String id, String title, String type, String code, String status, String dateMet,
                     String dateModified) {
    }

    record Period(String endDate) {
    }

    record Unit(String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Observation(String id, Period period, Value value, BigDecimal measure, Unit unit) {
    }

    record Metric(String id, String title, List<Observation> observations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Completion(String endDate, String endDateDetails) {
    }
}
