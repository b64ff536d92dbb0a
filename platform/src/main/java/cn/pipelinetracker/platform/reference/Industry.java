package cn.pipelinetracker.platform.reference;

public record Industry(String code, String nameZh, String nameEn) {
}
