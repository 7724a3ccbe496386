package kr.aifellows.portal.accounts.web;

import kr.aifellows.portal.accounts.AccountException;

import org.springframework.validation.BindingResult;

final class FormErrors {

	private FormErrors() {
	}

	static void reject(AccountException ex, BindingResult result) {
		if (ex.field() != null) {
			result.rejectValue(ex.field(), ex.code(), ex.arguments(), null);
		}
		else {
			result.reject(ex.code(), ex.arguments(), null);
		}
	}

	static void checkConfirmation(String password, String confirmation, BindingResult result) {
		if (password != null && !password.equals(confirmation)) {
			result.rejectValue("passwordConfirmation", "password.mismatch");
		}
	}

}
