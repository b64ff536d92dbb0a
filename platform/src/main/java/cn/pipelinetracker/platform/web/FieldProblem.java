package cn.pipelinetracker.platform.web;

/** One invalid field of a request, as listed in a problem's {@code errors}. */
public record FieldProblem(String field, String message) {
}
