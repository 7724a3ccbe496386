package kr.aifellows.portal.accounts;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in person as Spring Security sees them. Its name is the e-mail address.
 */
public final class PortalUser implements UserDetails {

	private final long accountId;

	private final String email;

	private final String displayName;

	private final String passwordHash;

	private final boolean enabled;

	private final boolean locked;

	private final boolean active;

	private final List<GrantedAuthority> authorities;

	PortalUser(Account account, boolean locked) {
		this.accountId = account.id();
		this.email = account.email();
		this.displayName = account.displayName();
		this.passwordHash = account.passwordHash();
		this.enabled = account.emailVerified();
		this.locked = locked;
		this.active = account.active();
		this.authorities = account.roles()
			.stream()
			.sorted()
			.<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority()))
			.toList();
	}

	public long accountId() {
		return accountId;
	}

	public String displayName() {
		return displayName;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return authorities;
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return email;
	}

	@Override
	public boolean isAccountNonLocked() {
		return !locked;
	}

	/** A deactivated account; the login page says so only after the right password. */
	@Override
	public boolean isAccountNonExpired() {
		return active;
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

}
