package kr.aifellows.portal.notifications.web;

import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.notifications.Notifications;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * Everyone's notification list: the newest first, each opened (and marked read) by a
 * POST, or all marked read at once.
 */
@Controller
class NotificationsController {

	private static final int SHOWN = 100;

	private final Notifications notifications;

	NotificationsController(Notifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping("/notifications")
	String list(@AuthenticationPrincipal PortalUser user, Model model) {
		model.addAttribute("notifications", notifications.recent(user.accountId(), SHOWN));
		return "notifications/list";
	}

	@PostMapping("/notifications/{id}/read")
	String read(@PathVariable long id, @AuthenticationPrincipal PortalUser user) {
		String link = notifications.read(user.accountId(), id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		// Links are the portal's own paths, written by the listeners.
		return "redirect:" + (link.startsWith("/") && !link.startsWith("//") ? link : "/notifications");
	}

	@PostMapping("/notifications/read")
	String readAll(@AuthenticationPrincipal PortalUser user) {
		notifications.readAll(user.accountId());
		return "redirect:/notifications";
	}

}
