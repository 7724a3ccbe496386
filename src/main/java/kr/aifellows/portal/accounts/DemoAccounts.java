package kr.aifellows.portal.accounts;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds one account per role in the demo profile (once) and prints how to sign in.
 */
@Component
@Profile("demo")
class DemoAccounts {

	static final String DEMO_PASSWORD = "demo-national-team-2026";

	private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

	private record DemoAccount(String email, String name, Set<Role> roles) {
	}

	private static final List<DemoAccount> ACCOUNTS = List.of(
			new DemoAccount("admin@demo.aifellows.kr", "관리자 Admin", EnumSet.of(Role.ADMIN)),
			new DemoAccount("chair@demo.aifellows.kr", "김위원장 Kim Chair", EnumSet.of(Role.CHAIR, Role.REVIEWER)),
			new DemoAccount("reviewer1@demo.aifellows.kr", "이심사 Lee Reviewer", EnumSet.of(Role.REVIEWER)),
			new DemoAccount("reviewer2@demo.aifellows.kr", "박심사 Park Reviewer", EnumSet.of(Role.REVIEWER)),
			new DemoAccount("reviewer3@demo.aifellows.kr", "최심사 Choi Reviewer", EnumSet.of(Role.REVIEWER)),
			new DemoAccount("applicant1@demo.aifellows.kr", "정지원 Jung Applicant", EnumSet.of(Role.APPLICANT)),
			new DemoAccount("applicant2@demo.aifellows.kr", "강지원 Kang Applicant", EnumSet.of(Role.APPLICANT)),
			new DemoAccount("fellow@demo.aifellows.kr", "윤펠로 Yoon Fellow", EnumSet.of(Role.FELLOW, Role.APPLICANT)));

	private final AccountManagement accounts;

	DemoAccounts(AccountManagement accounts) {
		this.accounts = accounts;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(0)
	public void seed() {
		StringBuilder table = new StringBuilder("\n\nDemo accounts (password for all: ").append(DEMO_PASSWORD)
			.append(")\n");
		for (DemoAccount demo : ACCOUNTS) {
			if (!accounts.exists(demo.email())) {
				accounts.createVerified(demo.email(), demo.name(), DEMO_PASSWORD, demo.roles());
			}
			table.append(String.format("  %-32s %s%n", demo.email(), demo.roles()));
		}
		log.info(table.toString());
	}

}
