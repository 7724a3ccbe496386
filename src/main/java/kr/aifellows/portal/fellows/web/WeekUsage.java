package kr.aifellows.portal.fellows.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kr.aifellows.portal.gpu.LedgerEntry;

/**
 * A fellow's GPU hours charged on each of the last seven days (Korean calendar days,
 * today included), from the ledger's CHARGE entries.
 */
record WeekUsage(List<Day> days) {

	private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	static WeekUsage of(List<LedgerEntry> ledger, Instant now) {
		LocalDate today = LocalDate.ofInstant(now, SEOUL);
		Map<LocalDate, Long> charged = new LinkedHashMap<>();
		for (int i = 6; i >= 0; i--) {
			charged.put(today.minusDays(i), 0L);
		}
		for (LedgerEntry entry : ledger) {
			LocalDate day = LocalDate.ofInstant(entry.recordedAt(), SEOUL);
			if (entry.kind() == LedgerEntry.Kind.CHARGE && charged.containsKey(day)) {
				charged.merge(day, entry.gpuSeconds(), Long::sum);
			}
		}
		List<Day> days = new ArrayList<>();
		charged.forEach((day, seconds) -> days.add(new Day(day, seconds)));
		return new WeekUsage(days);
	}

	public long totalSeconds() {
		return days.stream().mapToLong(Day::chargedSeconds).sum();
	}

	/** GPU-seconds charged on one day. */
	record Day(LocalDate date, long chargedSeconds) {
	}

}
