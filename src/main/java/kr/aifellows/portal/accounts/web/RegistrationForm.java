package kr.aifellows.portal.accounts.web;

import java.util.EnumSet;
import java.util.Set;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import kr.aifellows.portal.privacy.ConsentItem;

class RegistrationForm {

	@NotBlank
	@Email
	@Size(max = 320)
	private String email;

	@NotBlank
	@Size(max = 100)
	private String displayName;

	@NotBlank
	private String password;

	private String passwordConfirmation;

	private Set<ConsentItem> consents = EnumSet.noneOf(ConsentItem.class);

	public String getEmail() {
		return email;
	}

	public void setEmail(String email) {
		this.email = email == null ? null : email.strip();
	}

	public String getDisplayName() {
		return displayName;
	}

	public void setDisplayName(String displayName) {
		this.displayName = displayName;
	}

	public String getPassword() {
		return password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public String getPasswordConfirmation() {
		return passwordConfirmation;
	}

	public void setPasswordConfirmation(String passwordConfirmation) {
		this.passwordConfirmation = passwordConfirmation;
	}

	public Set<ConsentItem> getConsents() {
		return consents;
	}

	public void setConsents(Set<ConsentItem> consents) {
		this.consents = EnumSet.noneOf(ConsentItem.class);
		if (consents != null) {
			this.consents.addAll(consents);
		}
	}

}
