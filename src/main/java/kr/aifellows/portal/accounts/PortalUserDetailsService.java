package kr.aifellows.portal.accounts;

import java.time.Clock;
import java.time.Instant;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class PortalUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

	private final AccountRepository accounts;

	private final Clock clock;

	PortalUserDetailsService(AccountRepository accounts, Clock clock) {
		this.accounts = accounts;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		Account account = accounts.findByEmail(Account.normalizeEmail(username))
			.orElseThrow(() -> new UsernameNotFoundException("No account for " + username));
		return new PortalUser(account, account.isLockedAt(Instant.now(clock)));
	}

	/** Re-hashes a password stored with an outdated encoding after a successful login. */
	@Override
	@Transactional
	public UserDetails updatePassword(UserDetails user, String newPassword) {
		Account account = accounts.findByEmail(user.getUsername()).orElseThrow();
		account.changePassword(newPassword);
		return new PortalUser(account, false);
	}
}
