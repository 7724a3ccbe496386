package kr.aifellows.portal.gpu;

/**
 * A fellow's GPU-seconds: what is left to hold, what running jobs hold, and the totals
 * behind them. {@code available = granted + adjusted - charged - expired - held}; it
 * never goes below zero.
 */
public record Balance(long accountId, long available, long held, long granted, long charged, long expired,
		long adjusted) {

	public static Balance none(long accountId) {
		return new Balance(accountId, 0, 0, 0, 0, 0, 0);
	}

}
