package cn.pipelinetracker.platform.reference;

public enum RegionKind {
    PROVINCE,
    CITY,
    DISTRICT,
    ZONE,
    PARK
}
