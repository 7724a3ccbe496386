package kr.aifellows.portal.accounts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	private final PasswordPolicy policy = new PasswordPolicy();

	@Test
	void acceptsALongUncommonPassphrase() {
		assertThat(policy.violation("quiet-river-tensor-2026", "kim@example.kr")).isEmpty();
	}

	@Test
	void refusesFewerThanTwelveCharacters() {
		assertThat(policy.violation("Sh0rt!pass", "kim@example.kr")).contains("password.tooShort");
	}

	@Test
	void countsKoreanCharactersNotBytes() {
		assertThat(policy.violation("가나다라마바사아자차카", "kim@example.kr")).contains("password.tooShort");
		assertThat(policy.violation("가나다라마바사아자차카타", "kim@example.kr")).isEmpty();
	}

	@Test
	void refusesTheEmailAddressOrItsLocalPart() {
		assertThat(policy.violation("researcher@lab.kr", "Researcher@lab.kr")).contains("password.containsEmail");
		assertThat(policy.violation("researcher-2026!", "researcher@lab.kr")).contains("password.containsEmail");
	}

	@Test
	void refusesCommonPasswordsWhateverTheirCase() {
		assertThat(policy.violation("Password1234", "kim@example.kr")).contains("password.common");
		assertThat(policy.violation("1q2w3e4r5t6y", "kim@example.kr")).contains("password.common");
		assertThat(policy.violation("qwertyuiop123", "kim@example.kr")).contains("password.common");
	}

	@Test
	void refusesARepeatedCharacter() {
		assertThat(policy.violation("zzzzzzzzzzzzzz", "kim@example.kr")).contains("password.common");
	}

	@Test
	void refusesMoreThan128Characters() {
		assertThat(policy.violation("a1b2c3d4".repeat(17), "kim@example.kr")).contains("password.tooLong");
	}

}
