package kr.aifellows.portal.privacy.web;

import kr.aifellows.portal.privacy.ConsentItem;
import kr.aifellows.portal.privacy.PrivacyPolicy;
import kr.aifellows.portal.privacy.PrivacyProperties;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The public privacy policy, the version in force or an earlier one.
 */
@Controller
class PrivacyPolicyController {

	private final PrivacyPolicy policy;

	private final PrivacyProperties properties;

	PrivacyPolicyController(PrivacyPolicy policy, PrivacyProperties properties) {
		this.policy = policy;
		this.properties = properties;
	}

	@GetMapping("/privacy")
	String policy(@RequestParam(required = false) Integer version, Model model) {
		PrivacyPolicy.Version current = policy.current();
		PrivacyPolicy.Version shown = version == null ? current
				: policy.version(version).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("policy", shown);
		model.addAttribute("current", current);
		model.addAttribute("versions", policy.versions());
		model.addAttribute("items", ConsentItem.values());
		model.addAttribute("officer", properties);
		return "privacy/policy";
	}

}
