package kr.aifellows.portal.accounts;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "accounts")
class Account {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String email;

	private String displayName;

	private String passwordHash;

	private boolean emailVerified;

	private Instant deactivatedAt;

	private String preferredLocale;

	private Instant createdAt;

	@Version
	private long version;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "account_roles", joinColumns = @JoinColumn(name = "account_id"))
	@Enumerated(EnumType.STRING)
	@Column(name = "role")
	private Set<Role> roles = EnumSet.noneOf(Role.class);

	protected Account() {
	}

	Account(String email, String displayName, String passwordHash, String preferredLocale, Instant createdAt) {
		this.email = normalizeEmail(email);
		this.displayName = displayName.strip();
		this.passwordHash = passwordHash;
		this.preferredLocale = preferredLocale;
		this.createdAt = createdAt;
	}

	static String normalizeEmail(String email) {
		return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
	}

	Long id() {
		return id;
	}

	String email() {
		return email;
	}

	String displayName() {
		return displayName;
	}

	String passwordHash() {
		return passwordHash;
	}

	boolean emailVerified() {
		return emailVerified;
	}

	String preferredLocale() {
		return preferredLocale;
	}

	Set<Role> roles() {
		return Set.copyOf(roles);
	}

	boolean active() {
		return deactivatedAt == null;
	}

	/**
	 * @return whether this changed anything
	 */
	boolean deactivate(Instant now) {
		if (deactivatedAt != null) {
			return false;
		}
		deactivatedAt = now;
		return true;
	}

	boolean reactivate() {
		boolean changed = deactivatedAt != null;
		deactivatedAt = null;
		return changed;
	}

	/**
	 * Anonymises the account at its holder's request: no address, name or role is left,
	 * and no password opens it.
	 */
	void erase(Instant now, String unusablePasswordHash) {
		email = "erased-" + id + "@erased.invalid";
		displayName = "";
		passwordHash = unusablePasswordHash;
		emailVerified = false;
		roles.clear();
		if (deactivatedAt == null) {
			deactivatedAt = now;
		}
	}

	void verifyEmail() {
		emailVerified = true;
	}

	void changePassword(String newHash) {
		passwordHash = newHash;
	}

	boolean grant(Role role) {
		return roles.add(role);
	}

	boolean revoke(Role role) {
		return roles.remove(role);
	}

	AccountView toView() {
		return new AccountView(id, email, displayName, emailVerified, roles(), active(), createdAt);
	}

}
