package cn.pipelinetracker.platform.reference;

/** A node of the region tree; {@code parentCode} is null for the root. */
public record Region(String code, String nameZh, String nameEn, String parentCode, RegionKind kind) {
}
