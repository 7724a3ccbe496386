package kr.aifellows.portal.portfolios.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioException;
import kr.aifellows.portal.portfolios.Portfolios;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.SmartValidator;
import org.springframework.web.bind.ServletRequestParameterPropertyValues;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The application page is one form: whichever section's button is pressed, everything
 * typed in every section is saved (or, when something is invalid, shown again with the
 * errors), so no edit is lost.
 */
@Controller
class ApplicationDraftController {

	private static final String PUBLICATION = "publicationForm";

	private final Portfolios portfolios;

	private final ApplicationPage page;

	private final SmartValidator validator;

	ApplicationDraftController(Portfolios portfolios, ApplicationPage page, SmartValidator validator) {
		this.portfolios = portfolios;
		this.page = page;
		this.validator = validator;
	}

	@PostMapping("/applicant/applications/{id}/draft")
	String save(@PathVariable long id, @RequestParam(defaultValue = "profile") String section,
			@Valid @ModelAttribute("profileForm") ProfileForm profile, BindingResult profileErrors,
			@Valid @ModelAttribute("proposalForm") ProposalForm proposal, BindingResult proposalErrors,
			@Valid @ModelAttribute("exclusionsForm") ExclusionsForm exclusions, BindingResult exclusionsErrors,
			@ModelAttribute("openSourceForm") OpenSourceForm openSource, BindingResult openSourceErrors,
			@RequestParam(defaultValue = "") String bibtex, HttpServletRequest request,
			@AuthenticationPrincipal PortalUser user, Model model, RedirectAttributes redirect) {
		long me = user.accountId();
		profile.check(profileErrors);
		exclusions.check(exclusionsErrors);
		// The publication's fields carry a prefix: its "title" would otherwise be the
		// proposal's.
		PublicationForm publication = new PublicationForm();
		WebDataBinder binder = new WebDataBinder(publication, PUBLICATION);
		binder.bind(new ServletRequestParameterPropertyValues(request, "publication", "."));
		BindingResult publicationErrors = binder.getBindingResult();
		boolean addPublication = "add-publication".equals(section) || !publication.isEmpty();
		if (addPublication) {
			validator.validate(publication, publicationErrors);
			publication.check(publicationErrors);
		}
		boolean addOpenSource = "add-open-source".equals(section) || !openSource.isEmpty();
		if (addOpenSource) {
			validator.validate(openSource, openSourceErrors);
		}
		if (profileErrors.hasErrors() || proposalErrors.hasErrors() || exclusionsErrors.hasErrors()
				|| publicationErrors.hasErrors() || openSourceErrors.hasErrors()) {
			profile.padRows();
			exclusions.padRows();
			return unsaved(portfolios.get(id, me), publication, publicationErrors, bibtex, model);
		}
		String anchor = anchor(section);
		try {
			portfolios.saveProfile(id, me, profile.toProfile());
			portfolios.saveProposal(id, me, proposal.toProposal());
			portfolios.saveExclusions(id, me, exclusions.toPeople());
			removeItem(id, me, section);
			if (addPublication) {
				portfolios.addPublication(id, me, publication.toPublication());
			}
			if (addOpenSource) {
				portfolios.addOpenSource(id, me, openSource.toWork());
			}
			importBibtex(id, me, bibtex, redirect);
			redirect.addFlashAttribute("saved", anchor);
		}
		catch (PortfolioException ex) {
			if ("application.notFound".equals(ex.code())) {
				throw ex;
			}
			redirect.addFlashAttribute("problem", ex.code());
		}
		return "redirect:/applicant/applications/" + id + "#" + anchor;
	}

	/**
	 * The page again with what was typed and what is wrong with it; nothing was saved.
	 */
	private String unsaved(ApplicationView application, PublicationForm publication, BindingResult publicationErrors,
			String bibtex, Model model) {
		model.addAttribute(PUBLICATION, publication);
		model.addAttribute(BindingResult.MODEL_KEY_PREFIX + PUBLICATION, publicationErrors);
		model.addAttribute("bibtex", bibtex);
		model.addAttribute("unsaved", true);
		return page.render(application, model);
	}

	/** Imports pasted BibTeX, if any; a text with problems comes back to be corrected. */
	private void importBibtex(long id, long me, String bibtex, RedirectAttributes redirect) {
		if (bibtex.isBlank()) {
			return;
		}
		Portfolios.BibtexImport imported = portfolios.importBibtex(id, me, bibtex);
		redirect.addFlashAttribute("imported", imported.imported());
		redirect.addFlashAttribute("importProblems", imported.problems());
		if (!imported.problems().isEmpty()) {
			redirect.addFlashAttribute("bibtex", bibtex);
		}
	}

	/** The section the pressed button belongs to, where the page returns to. */
	private static String anchor(String section) {
		if (section.startsWith("remove-publications-") || section.equals("add-publication")
				|| section.equals("import-bibtex")) {
			return "publications";
		}
		if (section.startsWith("remove-open-source-") || section.equals("add-open-source")) {
			return "open-source";
		}
		return section.equals("proposal") || section.equals("exclusions") ? section : "profile";
	}

	/**
	 * "remove-publications-2" or "remove-open-source-0": the remove buttons of the lists.
	 */
	private void removeItem(long id, long me, String section) {
		if (!section.startsWith("remove-")) {
			return;
		}
		int index;
		try {
			index = Integer.parseInt(section.substring(section.lastIndexOf('-') + 1));
		}
		catch (NumberFormatException ex) {
			return;
		}
		if (section.startsWith("remove-publications-")) {
			portfolios.removePublication(id, me, index);
		}
		else if (section.startsWith("remove-open-source-")) {
			portfolios.removeOpenSource(id, me, index);
		}
	}

}
