package kr.aifellows.portal.accounts.web;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import kr.aifellows.portal.accounts.AccountException;
import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.accounts.tokens.ApiScope;
import kr.aifellows.portal.accounts.tokens.ApiTokens;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The person's personal access tokens for the REST API: make one (named, scoped, with an
 * expiry; shown once on the answer to the form and never again), list them, revoke one
 * (asked first: a revoked token can not be used again).
 */
@Controller
class ApiTokenController {

	private final ApiTokens tokens;

	ApiTokenController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@GetMapping("/account/tokens")
	String page(@AuthenticationPrincipal PortalUser user, Model model) {
		return page(user, model, "", EnumSet.of(ApiScope.READ), tokens.properties().defaultValidity().toDays());
	}

	@PostMapping("/account/tokens")
	String create(@RequestParam(defaultValue = "") String name,
			@RequestParam(name = "scopes", required = false) List<ApiScope> scopes,
			@RequestParam(required = false) Long validityDays, @AuthenticationPrincipal PortalUser user, Model model,
			HttpServletResponse response) {
		Set<ApiScope> chosen = scopes == null || scopes.isEmpty() ? EnumSet.noneOf(ApiScope.class)
				: EnumSet.copyOf(scopes);
		try {
			ApiTokens.IssuedToken issued = tokens.create(user.accountId(), user.getUsername(), name, chosen,
					validityDays == null ? null : Duration.ofDays(validityDays));
			// The token is in this page only: no cache may keep it.
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			model.addAttribute("issued", issued);
			return page(user, model, "", EnumSet.of(ApiScope.READ), tokens.properties().defaultValidity().toDays());
		}
		catch (AccountException ex) {
			model.addAttribute("problem", ex);
			return page(user, model, name, chosen, validityDays);
		}
	}

	@PostMapping("/account/tokens/{id}/revoke")
	String revoke(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed,
			@AuthenticationPrincipal PortalUser user, Model model, RedirectAttributes redirect) {
		ApiTokens.TokenView token = tokens.ofAccount(user.accountId())
			.stream()
			.filter(candidate -> candidate.id() == id)
			.findFirst()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (!confirmed) {
			model.addAttribute("token", token);
			return "accounts/token-revoke";
		}
		tokens.revoke(user.accountId(), id, user.getUsername());
		redirect.addFlashAttribute("revoked", token.name());
		return "redirect:/account/tokens";
	}

	private String page(PortalUser user, Model model, String name, Set<ApiScope> scopes, Long validityDays) {
		model.addAttribute("tokens", tokens.ofAccount(user.accountId()));
		model.addAttribute("allScopes", ApiScope.values());
		model.addAttribute("name", name);
		model.addAttribute("scopes", scopes);
		model.addAttribute("validityDays", validityDays);
		model.addAttribute("maxValidityDays", tokens.properties().maxValidity().toDays());
		model.addAttribute("now", Instant.now());
		return "accounts/tokens";
	}

}
