package kr.aifellows.portal.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * At least 12 characters, at most 128, not the e-mail address (or its local part), and
 * not in the bundled list of common passwords. Length matters more than composition rules
 * (NIST SP 800-63B), so there are none.
 */
@Component
class PasswordPolicy {

	static final int MIN_LENGTH = 12;

	static final int MAX_LENGTH = 128;

	private final Set<String> commonPasswords;

	PasswordPolicy() {
		this.commonPasswords = load("accounts/common-passwords.txt");
	}

	/**
	 * @return the message code of the first rule the password breaks, if any
	 */
	Optional<String> violation(String password, String email) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
			return Optional.of("password.tooShort");
		}
		if (password.length() > MAX_LENGTH) {
			return Optional.of("password.tooLong");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (email != null && !email.isBlank()) {
			String normalizedEmail = email.strip().toLowerCase(Locale.ROOT);
			String localPart = normalizedEmail.contains("@")
					? normalizedEmail.substring(0, normalizedEmail.indexOf('@')) : normalizedEmail;
			if (lower.equals(normalizedEmail) || lower.contains(normalizedEmail)
					|| (localPart.length() >= 4 && lower.contains(localPart))) {
				return Optional.of("password.containsEmail");
			}
		}
		if (commonPasswords.contains(lower) || isSingleRepeatedCharacter(lower)) {
			return Optional.of("password.common");
		}
		return Optional.empty();
	}

	private static boolean isSingleRepeatedCharacter(String password) {
		return password.chars().distinct().count() <= 2;
	}

	private static Set<String> load(String path) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8))) {
			return reader.lines()
				.map(String::strip)
				.filter(line -> !line.isEmpty() && !line.startsWith("#"))
				.map(line -> line.toLowerCase(Locale.ROOT))
				.collect(Collectors.toUnmodifiableSet());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The common password list " + path + " is missing", ex);
		}
	}

}
