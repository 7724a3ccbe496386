package kr.aifellows.portal.accounts;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class PortalUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

	private final AccountRepository accounts;

	private final LoginThrottle throttle;

	PortalUserDetailsService(AccountRepository accounts, LoginThrottle throttle) {
		this.accounts = accounts;
		this.throttle = throttle;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		Account account = accounts.findByEmail(Account.normalizeEmail(username))
			.orElseThrow(() -> new UsernameNotFoundException("No account for " + username));
		return new PortalUser(account, throttle.isEmailLocked(account.email()));
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
