package kr.aifellows.portal.review.pool;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.Affiliation;
import kr.aifellows.portal.portfolios.BibtexImporter;
import kr.aifellows.portal.portfolios.Publication;
import kr.aifellows.portal.review.ReviewException;
import kr.aifellows.portal.review.conflicts.ConflictChecks;
import kr.aifellows.portal.shared.ResearchArea;
import kr.aifellows.portal.system.AuditLog;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reviewer pool: chairs invite reviewers (one by one or from a sheet), reviewers keep
 * their profile. Every profile change re-runs the conflict checks for that reviewer.
 */
@Service
public class ReviewerPool {

	private final ReviewerRepository reviewers;

	private final AccountManagement accounts;

	private final BibtexImporter bibtex;

	private final ConflictChecks conflicts;

	private final AuditLog auditLog;

	private final Clock clock;

	ReviewerPool(ReviewerRepository reviewers, AccountManagement accounts, BibtexImporter bibtex,
			ConflictChecks conflicts, AuditLog auditLog, Clock clock) {
		this.reviewers = reviewers;
		this.accounts = accounts;
		this.bibtex = bibtex;
		this.conflicts = conflicts;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/**
	 * Adds someone to the pool and sends them a reviewer invitation through the accounts
	 * module.
	 * @throws ReviewException {@code reviewer.alreadyInPool} for an address already in
	 * the pool
	 */
	@Transactional
	public ReviewerView invite(NewReviewer invitee, String chairEmail, Locale locale) {
		String email = invitee.email().strip().toLowerCase(Locale.ROOT);
		if (reviewers.existsByEmail(email)) {
			throw new ReviewException("reviewer.alreadyInPool", email);
		}
		Reviewer reviewer = new Reviewer(email, invitee.name(), chairEmail, now());
		reviewer.updateProfile(new ReviewerProfile(invitee.name(), invitee.nameRomanized(), invitee.orcid(),
				invitee.areas(), invitee.affiliations(), List.of()), now());
		accounts.findByEmail(email)
			.filter(account -> account.has(Role.REVIEWER))
			.ifPresentOrElse(account -> reviewer.linkAccount(account.id()),
					() -> accounts.invite(email, Role.REVIEWER, chairEmail, locale));
		Reviewer saved = reviewers.save(reviewer);
		auditLog.record(chairEmail, "REVIEWER_INVITED", "reviewer:" + saved.id(), email);
		return saved.toView();
	}

	@Transactional(readOnly = true)
	public List<ReviewerView> all() {
		return reviewers.findAllByOrderById().stream().map(Reviewer::toView).toList();
	}

	@Transactional(readOnly = true)
	public Optional<ReviewerView> find(long reviewerId) {
		return reviewers.findById(reviewerId).map(Reviewer::toView);
	}

	/**
	 * The pool entry of a signed-in reviewer, linked to their account; someone given the
	 * role without an invitation from the pool gets an entry on first use.
	 */
	@Transactional
	public ReviewerView me(long accountId, String email, String displayName) {
		Reviewer reviewer = reviewers.findByEmail(email.toLowerCase(Locale.ROOT))
			.orElseGet(() -> reviewers.save(new Reviewer(email.toLowerCase(Locale.ROOT), displayName, null, now())));
		if (reviewer.accountId() == null) {
			reviewer.linkAccount(accountId);
		}
		return reviewer.toView();
	}

	@Transactional
	public ReviewerView saveProfile(long reviewerId, ReviewerProfile profile, String actor) {
		Reviewer reviewer = reviewers.findById(reviewerId)
			.orElseThrow(() -> new ReviewException(ReviewException.NOT_FOUND));
		reviewer.updateProfile(profile, now());
		return changed(reviewer, actor, "profile");
	}

	@Transactional
	public ReviewerView setLoad(long reviewerId, int cap, int floor, String chairEmail) {
		Reviewer reviewer = reviewers.findById(reviewerId)
			.orElseThrow(() -> new ReviewException(ReviewException.NOT_FOUND));
		reviewer.setLoad(cap, floor, now());
		auditLog.record(chairEmail, "REVIEWER_LOAD_SET", "reviewer:" + reviewerId, "cap=" + cap + " floor=" + floor);
		return reviewers.save(reviewer).toView();
	}

	@Transactional
	public ReviewerView addPublication(long reviewerId, Publication publication, String actor) {
		Reviewer reviewer = reviewers.findById(reviewerId)
			.orElseThrow(() -> new ReviewException(ReviewException.NOT_FOUND));
		reviewer.addPublications(List.of(publication), now());
		return changed(reviewer, actor, "publications");
	}

	@Transactional
	public ReviewerView removePublication(long reviewerId, int index, String actor) {
		Reviewer reviewer = reviewers.findById(reviewerId)
			.orElseThrow(() -> new ReviewException(ReviewException.NOT_FOUND));
		reviewer.removePublication(index, now());
		return changed(reviewer, actor, "publications");
	}

	/**
	 * Imports the good entries of pasted BibTeX with the portfolios module's importer;
	 * bad entries come back one by one.
	 */
	@Transactional
	public BibtexImporter.ImportResult importBibtex(long reviewerId, String text, String actor) {
		Reviewer reviewer = reviewers.findById(reviewerId)
			.orElseThrow(() -> new ReviewException(ReviewException.NOT_FOUND));
		BibtexImporter.ImportResult result = bibtex.parse(text);
		if (!result.publications().isEmpty()) {
			reviewer.addPublications(result.publications(), now());
			changed(reviewer, actor, "publications");
		}
		return result;
	}

	/** Links pool entries to the accounts of invitees who have accepted since. */
	@Transactional
	public void linkAcceptedInvitations() {
		reviewers.findAllByOrderById()
			.stream()
			.filter(r -> r.accountId() == null)
			.forEach(reviewer -> accounts.findByEmail(reviewer.email())
				.filter(account -> account.has(Role.REVIEWER))
				.map(AccountView::id)
				.ifPresent(reviewer::linkAccount));
	}

	private ReviewerView changed(Reviewer reviewer, String actor, String what) {
		Reviewer saved = reviewers.save(reviewer);
		auditLog.record(actor, "REVIEWER_PROFILE_CHANGED", "reviewer:" + saved.id(), what);
		conflicts.recheckReviewer(saved.id());
		return saved.toView();
	}

	private Instant now() {
		return Instant.now(clock);
	}

	/**
	 * Someone the chair invites into the pool.
	 */
	public record NewReviewer(String name, String email, List<Affiliation> affiliations, Set<ResearchArea> areas,
			String orcid, String nameRomanized) {

		public NewReviewer(String name, String email, List<Affiliation> affiliations, Set<ResearchArea> areas) {
			this(name, email, affiliations, areas, null, null);
		}
	}

}
