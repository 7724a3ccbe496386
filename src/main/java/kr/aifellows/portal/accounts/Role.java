package kr.aifellows.portal.accounts;

import java.util.Collection;

/**
 * What a person may do in the portal. A person can hold several roles.
 */
public enum Role {

	/** Registers and applies to calls; every self-registered account has it. */
	APPLICANT,

	/** Scores applications assigned to them; by invitation. */
	REVIEWER,

	/** Runs calls and committees; by invitation. */
	CHAIR,

	/** Holds a GPU-hour grant; granted when selected. */
	FELLOW,

	/** Operates the portal. */
	ADMIN,

	/** The privacy officer (개인정보 보호책임자): reviews the access records each month. */
	PRIVACY_OFFICER;

	public String authority() {
		return "ROLE_" + name();
	}

	/**
	 * @return whether someone with the given roles may invite people into this role
	 */
	public boolean invitableBy(Collection<Role> inviterRoles) {
		return (this == REVIEWER || this == CHAIR) && (inviterRoles.contains(ADMIN) || inviterRoles.contains(CHAIR));
	}

}
