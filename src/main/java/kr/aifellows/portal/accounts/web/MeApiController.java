package kr.aifellows.portal.accounts.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import kr.aifellows.portal.accounts.PortalUser;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller of the REST API: who the token speaks for, their roles and its scopes. */
@RestController
@Tag(name = "Me")
@SecurityRequirement(name = "token")
class MeApiController {

	record Me(long accountId, String email, String displayName, List<String> roles, List<String> scopes) {
	}

	@GetMapping("/api/v1/me")
	@Operation(summary = "The caller's profile, roles and the token's scopes")
	Me me(Authentication authentication) {
		PortalUser user = (PortalUser) authentication.getPrincipal();
		List<String> authorities = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.toList();
		return new Me(user.accountId(), user.getUsername(), user.displayName(),
				authorities.stream().filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted().toList(),
				authorities.stream().filter(a -> a.startsWith("SCOPE_")).map(a -> a.substring(6)).sorted().toList());
	}

}
