package kr.aifellows.portal.gpu;

import java.time.YearMonth;

/**
 * One fellow's settled jobs in one month (by end time, UTC).
 */
public record MonthlyUsage(long accountId, YearMonth month, long jobs, long chargedSeconds, long overrunSeconds,
		long unbilledSeconds) {
}
