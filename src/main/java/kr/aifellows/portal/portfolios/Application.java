package kr.aifellows.portal.portfolios;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import kr.aifellows.portal.shared.ResearchArea;

/**
 * An applicant's portfolio for one call. It changes only as a draft; submitting locks it.
 */
@Entity
@Table(name = "applications")
class Application {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long callId;

	private long applicantAccountId;

	private String applicantEmail;

	@Enumerated(EnumType.STRING)
	private ApplicationStatus status = ApplicationStatus.DRAFT;

	private String nameKo;

	private String nameRomanized;

	private String orcid;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "application_areas", joinColumns = @JoinColumn(name = "application_id"))
	@Enumerated(EnumType.STRING)
	@Column(name = "area")
	private Set<ResearchArea> areas = EnumSet.noneOf(ResearchArea.class);

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "application_affiliations", joinColumns = @JoinColumn(name = "application_id"))
	@OrderColumn(name = "position")
	private List<Affiliation> affiliations = new ArrayList<>();

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "application_publications", joinColumns = @JoinColumn(name = "application_id"))
	@OrderColumn(name = "position")
	private List<Publication> publications = new ArrayList<>();

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "application_open_source", joinColumns = @JoinColumn(name = "application_id"))
	@OrderColumn(name = "position")
	private List<OpenSourceWork> openSource = new ArrayList<>();

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "application_exclusions", joinColumns = @JoinColumn(name = "application_id"))
	@OrderColumn(name = "position")
	private List<ExcludedPerson> exclusions = new ArrayList<>();

	private String proposalTitle;

	@Column(columnDefinition = "text")
	private String proposalAbstract;

	@Column(columnDefinition = "text")
	private String proposalBody;

	private Long requestedGpuHours;

	private String gpuJustification;

	private String receiptNumber;

	private Instant createdAt;

	private Instant updatedAt;

	private Instant submittedAt;

	private Instant withdrawnAt;

	@Version
	private long version;

	private Instant destroyedAt;

	protected Application() {
	}

	Application(long callId, long applicantAccountId, String applicantEmail, String nameKo, Instant now) {
		this.callId = callId;
		this.applicantAccountId = applicantAccountId;
		this.applicantEmail = applicantEmail;
		this.nameKo = nameKo;
		this.createdAt = now;
		this.updatedAt = now;
	}

	Long id() {
		return id;
	}

	long callId() {
		return callId;
	}

	long applicantAccountId() {
		return applicantAccountId;
	}

	ApplicationStatus status() {
		return status;
	}

	String receiptNumber() {
		return receiptNumber;
	}

	boolean destroyed() {
		return destroyedAt != null;
	}

	String applicantEmail() {
		return applicantEmail;
	}

	void updateProfile(Profile profile, Instant now) {
		requireDraft();
		assignProfile(profile, now);
	}

	/**
	 * The committee's correction of a submitted application's profile, at the applicant's
	 * request; a draft is the applicant's own to change.
	 */
	void correctProfile(Profile profile, Instant now) {
		if (status == ApplicationStatus.DRAFT || destroyedAt != null) {
			throw new PortfolioException("correction.notCorrectable");
		}
		assignProfile(profile, now);
	}

	private void assignProfile(Profile profile, Instant now) {
		nameKo = profile.nameKo();
		nameRomanized = profile.nameRomanized();
		orcid = profile.orcid();
		areas.clear();
		areas.addAll(profile.areas());
		affiliations.clear();
		affiliations.addAll(profile.affiliations());
		updatedAt = now;
	}

	void addPublications(List<Publication> added, Instant now) {
		requireDraft();
		publications.addAll(added);
		updatedAt = now;
	}

	void removePublication(int index, Instant now) {
		requireDraft();
		if (index >= 0 && index < publications.size()) {
			publications.remove(index);
		}
		updatedAt = now;
	}

	void addOpenSource(OpenSourceWork work, Instant now) {
		requireDraft();
		openSource.add(work);
		updatedAt = now;
	}

	void removeOpenSource(int index, Instant now) {
		requireDraft();
		if (index >= 0 && index < openSource.size()) {
			openSource.remove(index);
		}
		updatedAt = now;
	}

	void updateProposal(Proposal proposal, Instant now) {
		requireDraft();
		proposalTitle = proposal.title();
		proposalAbstract = proposal.abstractText();
		proposalBody = proposal.body();
		requestedGpuHours = proposal.requestedGpuHours();
		gpuJustification = proposal.gpuJustification();
		updatedAt = now;
	}

	void updateExclusions(List<ExcludedPerson> people, Instant now) {
		requireDraft();
		if (people.size() > ExcludedPerson.MAX) {
			throw new PortfolioException("exclusions.tooMany", ExcludedPerson.MAX);
		}
		exclusions.clear();
		exclusions.addAll(people);
		updatedAt = now;
	}

	/**
	 * Moves a submitted application through review to its decision; the portfolio itself
	 * stays locked.
	 */
	void moveTo(ApplicationStatus next, Instant now) {
		boolean allowed = switch (next) {
			case UNDER_REVIEW -> status == ApplicationStatus.SUBMITTED;
			case SELECTED, WAITLISTED,
					REJECTED ->
				status == ApplicationStatus.SUBMITTED || status == ApplicationStatus.UNDER_REVIEW
						|| status == ApplicationStatus.SELECTED || status == ApplicationStatus.WAITLISTED
						|| status == ApplicationStatus.REJECTED;
			default -> false;
		};
		if (!allowed) {
			throw new PortfolioException("application.statusChangeRefused");
		}
		status = next;
		updatedAt = now;
	}

	void touch(Instant now) {
		requireDraft();
		updatedAt = now;
	}

	void submit(String receiptNumber, Instant now) {
		requireDraft();
		this.status = ApplicationStatus.SUBMITTED;
		this.receiptNumber = receiptNumber;
		this.submittedAt = now;
		this.updatedAt = now;
	}

	void withdraw(Instant now) {
		if (status != ApplicationStatus.DRAFT && status != ApplicationStatus.SUBMITTED) {
			throw new PortfolioException("application.notWithdrawable");
		}
		status = ApplicationStatus.WITHDRAWN;
		withdrawnAt = now;
		updatedAt = now;
	}

	void requireDraft() {
		if (status != ApplicationStatus.DRAFT) {
			throw new PortfolioException("application.locked");
		}
	}

	Profile profile() {
		return new Profile(nameKo, nameRomanized, orcid, Set.copyOf(areas), List.copyOf(affiliations));
	}

	Proposal proposal() {
		return new Proposal(proposalTitle, proposalAbstract, proposalBody, requestedGpuHours, gpuJustification);
	}

	ApplicationView toView(List<ApplicationFileView> files) {
		return new ApplicationView(id, callId, applicantAccountId, applicantEmail, status, profile(),
				List.copyOf(publications), List.copyOf(openSource), proposal(), files, receiptNumber, createdAt,
				updatedAt, submittedAt, withdrawnAt, List.copyOf(exclusions));
	}

	/**
	 * Destroys the personal data at the end of the retention period: names, ORCID,
	 * affiliations, publications, open source, exclusions, the proposal and the receipt
	 * number. What stays (call, state, research areas, dates) identifies no one.
	 */
	void destroyPersonalData(Instant now) {
		applicantEmail = "destroyed-" + id + "@invalid";
		nameKo = null;
		nameRomanized = null;
		orcid = null;
		affiliations.clear();
		publications.clear();
		openSource.clear();
		exclusions.clear();
		proposalTitle = null;
		proposalAbstract = null;
		proposalBody = null;
		gpuJustification = null;
		receiptNumber = null;
		destroyedAt = now;
	}

}
