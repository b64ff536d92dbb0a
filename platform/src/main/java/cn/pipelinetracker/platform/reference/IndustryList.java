package cn.pipelinetracker.platform.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The industries bundled with the application ({@code reference/industries.csv}). */
public final class IndustryList {

    private final Map<String, Industry> byCode = new LinkedHashMap<>();

    private IndustryList(List<Industry> industries) {
        industries.forEach(industry -> {
            if (byCode.put(industry.code(), industry) != null) {
                throw new IllegalStateException("industry " + industry.code() + " is listed twice");
            }
        });
    }

    public static IndustryList bundled() {
        return new IndustryList(ReferenceCsv.rows("/reference/industries.csv", 3).stream()
                .map(row -> new Industry(row[0], row[1], row[2]))
                .toList());
    }

    public List<Industry> all() {
        return List.copyOf(byCode.values());
    }

    public Optional<Industry> find(String code) {
        return Optional.ofNullable(code).map(byCode::get);
    }

    public boolean contains(String code) {
        return code != null && byCode.containsKey(code);
    }
}
