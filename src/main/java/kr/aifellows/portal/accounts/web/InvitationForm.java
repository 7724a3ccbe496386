package kr.aifellows.portal.accounts.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import kr.aifellows.portal.accounts.Role;

class InvitationForm {

	@NotBlank
	@Email
	@Size(max = 320)
	private String email;

	@NotNull
	private Role role = Role.REVIEWER;

	public String getEmail() {
		return email;
	}

	public void setEmail(String email) {
		this.email = email == null ? null : email.strip();
	}

	public Role getRole() {
		return role;
	}

	public void setRole(Role role) {
		this.role = role;
	}

}
