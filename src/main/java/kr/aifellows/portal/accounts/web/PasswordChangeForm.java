package kr.aifellows.portal.accounts.web;

import jakarta.validation.constraints.NotBlank;

/**
 * The signed-in person's current password and the new one (with its confirmation).
 */
class PasswordChangeForm extends NewPasswordForm {

	@NotBlank
	private String currentPassword;

	public String getCurrentPassword() {
		return currentPassword;
	}

	public void setCurrentPassword(String currentPassword) {
		this.currentPassword = currentPassword;
	}

}
