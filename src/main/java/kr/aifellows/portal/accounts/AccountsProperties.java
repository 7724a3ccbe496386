package kr.aifellows.portal.accounts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param verificationValidity how long an e-mail verification link works
 * @param passwordResetValidity how long a password reset link works
 * @param invitationValidity how long an invitation link works
 * @param maxFailedLogins consecutive failed logins that lock an account
 * @param lockDuration how long a locked account (or blocked address) stays locked
 * @param maxFailedLoginsPerAddress failed logins from one address within the lock
 * duration that block that address
 * @param rememberMeKey the key of remember-me tokens; set it in production
 * @param secureCookies whether session and remember-me cookies are marked Secure (HTTPS
 * only)
 */
@ConfigurationProperties("portal.accounts")
record AccountsProperties(Duration verificationValidity, Duration passwordResetValidity, Duration invitationValidity,
		int maxFailedLogins, Duration lockDuration, int maxFailedLoginsPerAddress, String rememberMeKey,
		boolean secureCookies) {

	AccountsProperties {
		verificationValidity = verificationValidity == null ? Duration.ofHours(24) : verificationValidity;
		passwordResetValidity = passwordResetValidity == null ? Duration.ofHours(1) : passwordResetValidity;
		invitationValidity = invitationValidity == null ? Duration.ofDays(7) : invitationValidity;
		maxFailedLogins = maxFailedLogins <= 0 ? 5 : maxFailedLogins;
		lockDuration = lockDuration == null ? Duration.ofMinutes(15) : lockDuration;
		maxFailedLoginsPerAddress = maxFailedLoginsPerAddress <= 0 ? 30 : maxFailedLoginsPerAddress;
		rememberMeKey = rememberMeKey == null || rememberMeKey.isBlank() ? Tokens.newToken() : rememberMeKey;
	}
}
