package kr.aifellows.portal.portfolios.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;

import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioException;
import kr.aifellows.portal.portfolios.Portfolios;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.files.FileKind;
import kr.aifellows.portal.shared.ResearchArea;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The applicant's journey: start or resume an application, fill each section (each save
 * is a draft), upload files, submit, withdraw.
 */
@Controller
class ApplicationController {

	private final Portfolios portfolios;

	private final CallCatalog calls;

	private final Clock clock;

	private final ApplicationPage page;

	private final ApplicationPdf pdf;

	ApplicationController(Portfolios portfolios, CallCatalog calls, Clock clock, ApplicationPage page,
			ApplicationPdf pdf) {
		this.pdf = pdf;
		this.portfolios = portfolios;
		this.calls = calls;
		this.clock = clock;
		this.page = page;
	}

	@GetMapping("/applicant")
	String dashboard(@AuthenticationPrincipal PortalUser user, Model model) {
		model.addAttribute("openCalls", calls.openCalls());
		model.addAttribute("applications", portfolios.mine(user.accountId()));
		model.addAttribute("callTitles", calls.allCalls());
		return "portfolios/dashboard";
	}

	@PostMapping("/applicant/calls/{callId}/apply")
	String apply(@PathVariable long callId, @AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
		try {
			ApplicationView application = portfolios.startOrResume(callId,
					new Portfolios.Applicant(user.accountId(), user.getUsername(), user.displayName()));
			return "redirect:/applicant/applications/" + application.id();
		}
		catch (PortfolioException ex) {
			redirect.addFlashAttribute("problem", ex.code());
			return "redirect:/applicant";
		}
	}

	@GetMapping("/applicant/applications/{id}")
	String edit(@PathVariable long id, @AuthenticationPrincipal PortalUser user, Model model) {
		ApplicationView application = portfolios.get(id, user.accountId());
		return page(application, model);
	}

	@PostMapping("/applicant/applications/{id}/profile")
	String saveProfile(@PathVariable long id, @Valid @ModelAttribute("profileForm") ProfileForm form,
			BindingResult result, @AuthenticationPrincipal PortalUser user, Model model, RedirectAttributes redirect) {
		form.check(result);
		if (result.hasErrors()) {
			form.padRows();
			return page(portfolios.get(id, user.accountId()), model);
		}
		return saved(id, "profile", redirect, () -> portfolios.saveProfile(id, user.accountId(), form.toProfile()));
	}

	@PostMapping("/applicant/applications/{id}/publications")
	String addPublication(@PathVariable long id, @Valid @ModelAttribute("publicationForm") PublicationForm form,
			BindingResult result, @AuthenticationPrincipal PortalUser user, Model model, RedirectAttributes redirect) {
		form.check(result);
		if (result.hasErrors()) {
			return page(portfolios.get(id, user.accountId()), model);
		}
		return saved(id, "publications", redirect,
				() -> portfolios.addPublication(id, user.accountId(), form.toPublication()));
	}

	@PostMapping("/applicant/applications/{id}/publications/import")
	String importBibtex(@PathVariable long id, @RequestParam(defaultValue = "") String bibtex,
			@AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
		try {
			Portfolios.BibtexImport result = portfolios.importBibtex(id, user.accountId(), bibtex);
			redirect.addFlashAttribute("imported", result.imported());
			redirect.addFlashAttribute("importProblems", result.problems());
			if (!result.problems().isEmpty()) {
				redirect.addFlashAttribute("bibtex", bibtex);
			}
		}
		catch (PortfolioException ex) {
			rethrowIfNotFound(ex);
			redirect.addFlashAttribute("problem", ex.code());
		}
		return "redirect:/applicant/applications/" + id + "#publications";
	}

	@PostMapping("/applicant/applications/{id}/publications/{index}/delete")
	String removePublication(@PathVariable long id, @PathVariable int index, @AuthenticationPrincipal PortalUser user,
			RedirectAttributes redirect) {
		return saved(id, "publications", redirect, () -> portfolios.removePublication(id, user.accountId(), index));
	}

	@PostMapping("/applicant/applications/{id}/exclusions")
	String saveExclusions(@PathVariable long id, @Valid @ModelAttribute("exclusionsForm") ExclusionsForm form,
			BindingResult result, @AuthenticationPrincipal PortalUser user, Model model, RedirectAttributes redirect) {
		form.check(result);
		if (result.hasErrors()) {
			form.padRows();
			return page(portfolios.get(id, user.accountId()), model);
		}
		return saved(id, "exclusions", redirect,
				() -> portfolios.saveExclusions(id, user.accountId(), form.toPeople()));
	}

	@PostMapping("/applicant/applications/{id}/open-source")
	String addOpenSource(@PathVariable long id, @Valid @ModelAttribute("openSourceForm") OpenSourceForm form,
			BindingResult result, @AuthenticationPrincipal PortalUser user, Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return page(portfolios.get(id, user.accountId()), model);
		}
		return saved(id, "open-source", redirect, () -> portfolios.addOpenSource(id, user.accountId(), form.toWork()));
	}

	@PostMapping("/applicant/applications/{id}/open-source/{index}/delete")
	String removeOpenSource(@PathVariable long id, @PathVariable int index, @AuthenticationPrincipal PortalUser user,
			RedirectAttributes redirect) {
		return saved(id, "open-source", redirect, () -> portfolios.removeOpenSource(id, user.accountId(), index));
	}

	@PostMapping("/applicant/applications/{id}/proposal")
	String saveProposal(@PathVariable long id, @Valid @ModelAttribute("proposalForm") ProposalForm form,
			BindingResult result, @AuthenticationPrincipal PortalUser user, Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return page(portfolios.get(id, user.accountId()), model);
		}
		return saved(id, "proposal", redirect, () -> portfolios.saveProposal(id, user.accountId(), form.toProposal()));
	}

	@PostMapping("/applicant/applications/{id}/files/{kind}")
	String upload(@PathVariable long id, @PathVariable FileKind kind, @RequestParam("file") MultipartFile file,
			@AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) throws IOException {
		try {
			portfolios.uploadFile(id, user.accountId(), kind, file.getOriginalFilename(), file::getInputStream);
			redirect.addFlashAttribute("saved", "files");
		}
		catch (PortfolioException ex) {
			rethrowIfNotFound(ex);
			redirect.addFlashAttribute("fileProblem", ex.code());
			redirect.addFlashAttribute("fileProblemArguments", ex.arguments());
			redirect.addFlashAttribute("fileProblemKind", kind);
		}
		return "redirect:/applicant/applications/" + id + "#files";
	}

	@PostMapping("/applicant/applications/{id}/files/{kind}/delete")
	String removeFile(@PathVariable long id, @PathVariable FileKind kind, @AuthenticationPrincipal PortalUser user,
			RedirectAttributes redirect) {
		return saved(id, "files", redirect, () -> portfolios.removeFile(id, user.accountId(), kind));
	}

	@GetMapping("/applicant/applications/{id}/files/{fileId}")
	ResponseEntity<InputStreamResource> download(@PathVariable long id, @PathVariable long fileId,
			@AuthenticationPrincipal PortalUser user) throws IOException {
		return FileDownloads.attachment(portfolios.openFile(id, user.accountId(), fileId));
	}

	/**
	 * The whole application as one PDF, as it stands (submitted: as submitted), for the
	 * applicant's records.
	 */
	@GetMapping("/applicant/applications/{id}/application.pdf")
	ResponseEntity<byte[]> pdf(@PathVariable long id, @AuthenticationPrincipal PortalUser user, Locale locale) {
		ApplicationView application = portfolios.get(id, user.accountId());
		byte[] pdf = this.pdf.render("portfolios/application-print",
				Map.of("portfolio", application, "call", calls.find(application.callId()).orElseThrow()), locale);
		String name = "application-" + (application.receiptNumber() == null ? id : application.receiptNumber())
				+ ".pdf";
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(pdf);
	}

	@GetMapping("/applicant/applications/{id}/submit")
	String review(@PathVariable long id, @AuthenticationPrincipal PortalUser user, Model model) {
		ApplicationView application = portfolios.get(id, user.accountId());
		model.addAttribute("portfolio", application);
		model.addAttribute("call", calls.find(application.callId()).orElseThrow());
		model.addAttribute("deadline", calls.deadlineFor(application.callId(), user.accountId()));
		List<String> problems = portfolios.problems(application);
		model.addAttribute("problems", problems);
		model.addAttribute("anchors", ApplicationChecklist.anchors(problems));
		model.addAttribute("areas", ResearchArea.values());
		return "portfolios/submit";
	}

	@PostMapping("/applicant/applications/{id}/submit")
	String submit(@PathVariable long id, @AuthenticationPrincipal PortalUser user, Locale locale,
			RedirectAttributes redirect) {
		Instant requestedAt = Instant.now(clock);
		try {
			ApplicationView submitted = portfolios.submit(id, user.accountId(), requestedAt, locale);
			redirect.addFlashAttribute("receipt", submitted.receiptNumber());
			return "redirect:/applicant/applications/" + id;
		}
		catch (PortfolioException ex) {
			rethrowIfNotFound(ex);
			redirect.addFlashAttribute("problem", ex.code());
			return "redirect:/applicant/applications/" + id + "/submit";
		}
	}

	@PostMapping("/applicant/applications/{id}/withdraw")
	String withdraw(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed,
			@AuthenticationPrincipal PortalUser user, Model model, RedirectAttributes redirect) {
		if (!confirmed) {
			// Withdrawing cannot be undone: without JavaScript's dialog, a page says so
			// and asks first.
			ApplicationView application = portfolios.get(id, user.accountId());
			model.addAttribute("portfolio", application);
			model.addAttribute("call", calls.find(application.callId()).orElseThrow());
			return "portfolios/withdraw-confirm";
		}
		try {
			portfolios.withdraw(id, user.accountId(), Instant.now(clock));
			redirect.addFlashAttribute("withdrawn", true);
		}
		catch (PortfolioException ex) {
			rethrowIfNotFound(ex);
			redirect.addFlashAttribute("problem", ex.code());
		}
		return "redirect:/applicant/applications/" + id;
	}

	private String saved(long id, String section, RedirectAttributes redirect, Runnable save) {
		try {
			save.run();
			redirect.addFlashAttribute("saved", section);
		}
		catch (PortfolioException ex) {
			rethrowIfNotFound(ex);
			redirect.addFlashAttribute("problem", ex.code());
		}
		return "redirect:/applicant/applications/" + id + "#" + section;
	}

	/**
	 * An application that is not the user's own ends in a 404 (PortfolioErrorAdvice),
	 * whatever the route.
	 */
	private static void rethrowIfNotFound(PortfolioException ex) {
		if ("application.notFound".equals(ex.code())) {
			throw ex;
		}
	}

	private String page(ApplicationView application, Model model) {
		return page.render(application, model);
	}

	static final class FileDownloads {

		private FileDownloads() {
		}

		static ResponseEntity<InputStreamResource> attachment(Portfolios.StoredFile stored) throws IOException {
			InputStream content = stored.content().open();
			return ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(stored.file().mediaType()))
				.contentLength(stored.file().sizeBytes())
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment()
							.filename(stored.file().fileName(), StandardCharsets.UTF_8)
							.build()
							.toString())
				.body(new InputStreamResource(content));
		}

	}

}
