package kr.aifellows.portal.fellows;

/**
 * The chair answered a fellow's top-up request: approved or rejected.
 */
public record TopUpAnswered(long requestId, long accountId, int gpuHours, TopUpRequest.Status status) {
}
