package kr.aifellows.portal.backup.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import kr.aifellows.portal.backup.BackupProperties;
import kr.aifellows.portal.backup.Backups;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The backups for the administrator: how old the last one is, how large, and every one
 * kept.
 */
@Controller
class BackupAdminController {

	private final Backups backups;

	private final BackupProperties properties;

	private final Clock clock;

	BackupAdminController(Backups backups, BackupProperties properties, Clock clock) {
		this.backups = backups;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping("/admin/backups")
	String backups(Model model) {
		Instant now = clock.instant();
		var all = backups.list();
		model.addAttribute("backups", all);
		model.addAttribute("settings", properties);
		model.addAttribute("maximumAgeYears", backups.maximumAgeYears());
		if (!all.isEmpty()) {
			Duration age = all.get(0).age(now);
			model.addAttribute("latest", all.get(0));
			model.addAttribute("latestAgeHours", age.toHours());
			model.addAttribute("latestAgeMinutes", age.toMinutesPart());
		}
		return "backup/backups";
	}

}
