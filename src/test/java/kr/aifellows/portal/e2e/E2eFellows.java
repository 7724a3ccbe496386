package kr.aifellows.portal.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.gpu.GpuAllocations;

/**
 * Fellows for the browser journeys: a fresh verified account with GPU hours valid for a
 * month.
 */
final class E2eFellows {

	private E2eFellows() {
	}

	static String withHours(AccountManagement accounts, GpuAllocations allocations, String prefix, String name,
			String password, long hours) {
		String email = prefix + "-" + System.nanoTime() + "@test.aifellows.kr";
		AccountView fellow = accounts.createVerified(email, name, password, Set.of(Role.FELLOW));
		Instant now = Instant.now();
		allocations.grant(fellow.id(), hours * 3600L, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)),
				"TEST", prefix + "-" + fellow.id(), "test");
		return email;
	}

}
