package kr.aifellows.portal.portfolios;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import kr.aifellows.portal.portfolios.blind.BlindApplications;
import kr.aifellows.portal.portfolios.blind.BlindLevel;
import kr.aifellows.portal.portfolios.blind.BlindPublication;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.files.ApplicationFile;
import kr.aifellows.portal.portfolios.files.ApplicationFileRepository;
import kr.aifellows.portal.portfolios.files.ExtractionState;
import kr.aifellows.portal.portfolios.files.FileKind;
import kr.aifellows.portal.shared.ResearchArea;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading applications for the committee: the chair's lists, and the review view with a
 * blind variant that leaves out everything that identifies the applicant.
 */
@Service
public class ApplicationCatalog {

	private static final List<ApplicationStatus> NOT_SEARCHABLE = List.of(ApplicationStatus.DRAFT,
			ApplicationStatus.WITHDRAWN);

	private final ApplicationRepository applications;

	private final ApplicationFileRepository files;

	private final Portfolios portfolios;

	private final ApplicationEventPublisher events;

	private final CallCatalog callCatalog;

	private final BlindApplications blind;

	ApplicationCatalog(ApplicationRepository applications, ApplicationFileRepository files, Portfolios portfolios,
			ApplicationEventPublisher events, CallCatalog callCatalog, BlindApplications blind) {
		this.callCatalog = callCatalog;
		this.blind = blind;
		this.applications = applications;
		this.files = files;
		this.portfolios = portfolios;
		this.events = events;
	}

	@Transactional(readOnly = true)
	public Page<ApplicationView> page(long callId, ApplicationStatus status, ResearchArea area, Pageable pageable) {
		Page<Application> page = applications.search(callId, status, area, pageable);
		return new PageImpl<>(portfolios.views(page.getContent()), page.getPageable(), page.getTotalElements());
	}

	/**
	 * Feeds every matching application to the consumer, page by page, so that exports of
	 * any size need little memory.
	 */
	@Transactional(readOnly = true)
	public void forEach(long callId, ApplicationStatus status, ResearchArea area, Consumer<ApplicationView> consumer) {
		Pageable pageable = PageRequest.of(0, 500);
		Page<Application> page;
		do {
			page = applications.search(callId, status, area, pageable);
			page.forEach(application -> consumer.accept(portfolios.view(application)));
			pageable = page.nextPageable();
		}
		while (page.hasNext());
	}

	@Transactional(readOnly = true)
	public ApplicationView forReview(long applicationId) {
		return portfolios.view(
				applications.findById(applicationId).orElseThrow(() -> new PortfolioException("application.notFound")));
	}

	/**
	 * The receipt number and proposal of each of the applications, in one query: for
	 * lists that show many applications (the ranking, a reviewer's queue). Unknown ids
	 * are left out.
	 */
	@Transactional(readOnly = true)
	public Map<Long, Listing> listings(Collection<Long> applicationIds) {
		if (applicationIds.isEmpty()) {
			return Map.of();
		}
		return applications.findListingsByIdIn(applicationIds)
			.stream()
			.collect(Collectors.toMap(Listing::id, listing -> listing));
	}

	/**
	 * The application as its call's blind reviewers see it (see {@link BlindLevel}):
	 * without names, e-mail, affiliations, ORCID iD, repository owners or files, and with
	 * author lists reduced to the number of authors and the applicant's position; the
	 * proposal and the text extracted from the proposal file stay.
	 */
	@Transactional(readOnly = true)
	public BlindApplication forBlindReview(long applicationId) {
		ApplicationView application = forReview(applicationId);
		BlindLevel level = callCatalog.blindLevel(application.callId());
		ApplicationFile proposalFile = files.findByApplicationIdOrderByKind(applicationId)
			.stream()
			.filter(file -> file.kind() == FileKind.PROPOSAL)
			.findFirst()
			.orElse(null);
		return blind.of(application, level, proposalFile == null ? "" : proposalFile.extractedText(),
				proposalFile == null ? null : proposalFile.extractionState());
	}

	/**
	 * The text extracted from each of the application's files; empty for a file whose
	 * extraction is pending or failed (see
	 * {@link ApplicationFileView#extractionState()}). When the text arrives later,
	 * {@link ApplicationUpdated} announces it.
	 */
	@Transactional(readOnly = true)
	public Map<FileKind, String> fileTexts(long applicationId) {
		Map<FileKind, String> texts = new EnumMap<>(FileKind.class);
		files.findByApplicationIdOrderByKind(applicationId)
			.forEach(file -> texts.put(file.kind(), file.extractedText()));
		return texts;
	}

	/**
	 * How many files of the call's searchable applications still wait for text
	 * extraction: their text is not in the search index yet (it is re-indexed once
	 * extracted).
	 */
	@Transactional(readOnly = true)
	public long pendingExtractions(long callId) {
		return files.countPendingExtractions(callId, NOT_SEARCHABLE);
	}

	/** How many of the call's applications are in this state. */
	@Transactional(readOnly = true)
	public long count(long callId, ApplicationStatus status) {
		return applications.countByCallIdAndStatusIn(callId, List.of(status));
	}

	/**
	 * How many applications are neither drafts nor withdrawn (those a search index
	 * holds).
	 */
	@Transactional(readOnly = true)
	public long countSearchable() {
		return applications.countByStatusNotInAndDestroyedAtIsNull(NOT_SEARCHABLE);
	}

	/**
	 * Ids of the applications that are neither drafts nor withdrawn, in id order, a page
	 * after {@code afterId}; for rebuilding a search index in batches.
	 */
	@Transactional(readOnly = true)
	public List<Long> searchableIds(long afterId, int limit) {
		return applications.findIdsByStatusNotIn(NOT_SEARCHABLE, afterId, PageRequest.of(0, limit));
	}

	/**
	 * Drafts are private to the applicant and withdrawn applications have left the
	 * competition.
	 */
	public static boolean isSearchable(ApplicationStatus status) {
		return !NOT_SEARCHABLE.contains(status);
	}

	/**
	 * Moves a submitted application to review or to its decision (the review module
	 * drives it).
	 * @throws PortfolioException {@code application.statusChangeRefused} for a draft, a
	 * withdrawn application or a step backwards
	 */
	@Transactional
	public ApplicationView moveTo(long applicationId, ApplicationStatus status) {
		Application application = applications.findById(applicationId)
			.orElseThrow(() -> new PortfolioException("application.notFound"));
		if (application.status() != status) {
			Instant now = Instant.now();
			application.moveTo(status, now);
			applications.save(application);
			events.publishEvent(new ApplicationStatusChanged(application.id(), application.callId(), status, now));
		}
		return portfolios.view(application);
	}

	@Transactional(readOnly = true)
	public Portfolios.StoredFile openFile(long applicationId, long fileId) {
		return portfolios.storedFile(applicationId, fileId);
	}

	/**
	 * What a list shows of an application without opening it.
	 */
	public record Listing(long id, String receiptNumber, String proposalTitle, Long requestedGpuHours) {
	}

	/**
	 * An application as a blind reviewer sees it.
	 *
	 * @param proposalFileExtraction where the proposal file's text extraction stands
	 * (null without a proposal file); {@code proposalFileText} is empty until it is DONE
	 */
	public record BlindApplication(long id, long callId, BlindLevel level, ApplicationStatus status,
			Set<ResearchArea> areas, List<BlindPublication> publications, List<OpenSourceWork> openSource,
			Proposal proposal, String proposalFileText, ExtractionState proposalFileExtraction) {
	}

}
