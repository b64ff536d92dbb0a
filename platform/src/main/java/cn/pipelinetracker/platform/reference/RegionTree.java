package cn.pipelinetracker.platform.reference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The regions bundled with the application ({@code reference/regions.csv}): GB/T 2260 divisions of Guangdong, and
 * the development zones and parks below them. Parents come before their children.
 */
public final class RegionTree {

    private final Map<String, Region> byCode;
    private final Map<String, List<String>> childrenByCode;

    private RegionTree(List<Region> regions) {
        Map<String, Region> codes = new LinkedHashMap<>();
        Map<String, List<String>> children = new LinkedHashMap<>();
        for (Region region : regions) {
            if (region.parentCode() != null && !codes.containsKey(region.parentCode())) {
                throw new IllegalStateException("region " + region.code() + " comes before its parent");
            }
            if (codes.put(region.code(), region) != null) {
                throw new IllegalStateException("region " + region.code() + " is listed twice");
            }
            children.put(region.code(), new ArrayList<>());
            if (region.parentCode() != null) {
                children.get(region.parentCode()).add(region.code());
            }
        }
        this.byCode = Collections.unmodifiableMap(codes);
        this.childrenByCode = children;
    }

    public static RegionTree bundled() {
        return new RegionTree(ReferenceCsv.rows("/reference/regions.csv", 5).stream()
                .map(row -> new Region(row[0], row[3], row[4], row[1].isEmpty() ? null : row[1],
                        RegionKind.valueOf(row[2])))
                .toList());
    }

    /** The region at the top of the tree (the province): parents come first. */
    public String root() {
        return byCode.keySet().iterator().next();
    }

    /** Every region, parents before children. */
    public List<Region> all() {
        return List.copyOf(byCode.values());
    }

    public Optional<Region> find(String code) {
        return Optional.ofNullable(code).map(byCode::get);
    }

    public boolean contains(String code) {
        return code != null && byCode.containsKey(code);
    }

    /** The region and every region below it. */
    public Set<String> subtree(String code) {
        if (!contains(code)) {
            throw new IllegalArgumentException("unknown region " + code);
        }
        Set<String> codes = new LinkedHashSet<>();
        collect(code, codes);
        return codes;
    }

    /** Whether {@code code} is {@code ancestor} or lies below it: {@code subtree(ancestor).contains(code)}, by its parents. */
    public boolean isWithin(String code, String ancestor) {
        if (!contains(ancestor)) {
            throw new IllegalArgumentException("unknown region " + ancestor);
        }
        for (Region region = code == null ? null : byCode.get(code); region != null;
             region = region.parentCode() == null ? null : byCode.get(region.parentCode())) {
            if (region.code().equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    private void collect(String code, Set<String> into) {
        into.add(code);
        childrenByCode.get(code).forEach(child -> collect(child, into));
    }
}
