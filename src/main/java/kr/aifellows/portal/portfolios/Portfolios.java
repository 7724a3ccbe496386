package kr.aifellows.portal.portfolios;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.files.ApplicationFileRepository;
import kr.aifellows.portal.portfolios.files.DocumentInspector;
import kr.aifellows.portal.portfolios.files.FileKind;
import kr.aifellows.portal.portfolios.files.FileStore;
import kr.aifellows.portal.portfolios.files.FilesProperties;
import kr.aifellows.portal.portfolios.files.TextExtractionWorker;
import kr.aifellows.portal.system.AuditLog;
import kr.aifellows.portal.system.MailOutbox;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The applicant's side of the portfolios module. Every method takes the applicant's
 * account id and finds only that applicant's applications: another id gives "not found",
 * never another applicant's data.
 */
@Service
public class Portfolios {

	private final ApplicationRepository applications;

	private final CallCatalog callCatalog;

	private final BibtexImporter bibtex;

	private final Clock clock;

	private final OwnedApplications owned;

	private final ApplicationUploads uploads;

	private final Submissions submissions;

	Portfolios(ApplicationRepository applications, ApplicationFileRepository files, CallCatalog callCatalog,
			DocumentInspector inspector, FileStore fileStore, BibtexImporter bibtex, ApplicationEventPublisher events,
			MailOutbox mail, MessageSource messages, AuditLog auditLog, Clock clock, FilesProperties properties,
			PlatformTransactionManager transactionManager, TextExtractionWorker extraction) {
		this.applications = applications;
		this.bibtex = bibtex;
		this.callCatalog = callCatalog;
		this.clock = clock;
		this.owned = new OwnedApplications(applications, files, callCatalog, clock);
		this.uploads = new ApplicationUploads(owned, files, inspector, fileStore, properties,
				new TransactionTemplate(transactionManager), extraction);
		this.submissions = new Submissions(owned, applications, callCatalog, events, mail, messages, auditLog, clock);
	}

	/**
	 * Opens the applicant's application to a call, starting a draft the first time.
	 */
	@Transactional
	public ApplicationView startOrResume(long callId, Applicant applicant) {
		return applications.findByCallIdAndApplicantAccountId(callId, applicant.accountId())
			.map(owned::view)
			.orElseGet(() -> startDraft(callId, applicant));
	}

	private ApplicationView startDraft(long callId, Applicant applicant) {
		Instant opensAt = callCatalog.opensAt(callId);
		Instant now = Instant.now(clock);
		if (now.isBefore(opensAt)) {
			throw new PortfolioException("call.notYetOpen");
		}
		if (now.isAfter(callCatalog.deadlineFor(callId, applicant.accountId()))) {
			throw new PortfolioException("application.deadlinePassed");
		}
		try {
			Application draft = applications
				.save(new Application(callId, applicant.accountId(), applicant.email(), applicant.displayName(), now));
			return owned.view(draft);
		}
		catch (DataIntegrityViolationException ex) {
			// A second tab raced this one to start the draft: one application per
			// applicant per call.
			throw new PortfolioException("application.alreadyStarted");
		}
	}

	@Transactional(readOnly = true)
	public ApplicationView get(long applicationId, long applicantAccountId) {
		return owned.view(owned.get(applicationId, applicantAccountId));
	}

	@Transactional(readOnly = true)
	public List<ApplicationView> mine(long applicantAccountId) {
		return applications.findByApplicantAccountIdOrderByCreatedAtDesc(applicantAccountId)
			.stream()
			.map(owned::view)
			.toList();
	}

	@Transactional
	public ApplicationView saveProfile(long applicationId, long applicantAccountId, Profile profile) {
		Application application = owned.editable(applicationId, applicantAccountId);
		application.updateProfile(profile, owned.now());
		return owned.updated(application);
	}

	@Transactional
	public ApplicationView addPublication(long applicationId, long applicantAccountId, Publication publication) {
		Application application = owned.editable(applicationId, applicantAccountId);
		application.addPublications(List.of(publication), owned.now());
		return owned.updated(application);
	}

	/**
	 * Imports the good entries of a BibTeX text and reports each bad one.
	 */
	@Transactional
	public BibtexImport importBibtex(long applicationId, long applicantAccountId, String text) {
		Application application = owned.editable(applicationId, applicantAccountId);
		BibtexImporter.ImportResult result = bibtex.parse(text);
		if (!result.publications().isEmpty()) {
			application.addPublications(result.publications(), owned.now());
			owned.updated(application);
		}
		return new BibtexImport(result.publications().size(),
				result.problems().stream().map(p -> new BibtexImport.Problem(p.entry(), p.code())).toList());
	}

	@Transactional
	public ApplicationView removePublication(long applicationId, long applicantAccountId, int index) {
		Application application = owned.editable(applicationId, applicantAccountId);
		application.removePublication(index, owned.now());
		return owned.updated(application);
	}

	/**
	 * Replaces the people the applicant asks not to review the application.
	 * @throws PortfolioException {@code exclusions.tooMany} beyond
	 * {@link ExcludedPerson#MAX}
	 */
	@Transactional
	public ApplicationView saveExclusions(long applicationId, long applicantAccountId, List<ExcludedPerson> people) {
		Application application = owned.editable(applicationId, applicantAccountId);
		application.updateExclusions(people, owned.now());
		return owned.updated(application);
	}

	@Transactional
	public ApplicationView addOpenSource(long applicationId, long applicantAccountId, OpenSourceWork work) {
		Application application = owned.editable(applicationId, applicantAccountId);
		application.addOpenSource(work, owned.now());
		return owned.updated(application);
	}

	@Transactional
	public ApplicationView removeOpenSource(long applicationId, long applicantAccountId, int index) {
		Application application = owned.editable(applicationId, applicantAccountId);
		application.removeOpenSource(index, owned.now());
		return owned.updated(application);
	}

	@Transactional
	public ApplicationView saveProposal(long applicationId, long applicantAccountId, Proposal proposal) {
		Application application = owned.editable(applicationId, applicantAccountId);
		application.updateProposal(proposal, owned.now());
		return owned.updated(application);
	}

	@Transactional(readOnly = true)
	public List<String> problems(long applicationId, long applicantAccountId) {
		Application application = owned.get(applicationId, applicantAccountId);
		return SubmissionRules.problems(owned.view(application));
	}

	/**
	 * What keeps an application already read through {@link #get} from being submitted
	 * (no query).
	 */
	public List<String> problems(ApplicationView application) {
		return SubmissionRules.problems(application);
	}

	/**
	 * Checks and stores an uploaded file, replacing the application's file of that kind;
	 * its text is extracted afterwards by {@link TextExtractionWorker} (the file is
	 * PENDING until then). The content is streamed to disk while it is hashed, and no
	 * database connection is held while it arrives. A refused file leaves nothing behind.
	 */
	public ApplicationView uploadFile(long applicationId, long applicantAccountId, FileKind kind, String originalName,
			ContentSource content) throws IOException {
		return uploads.upload(applicationId, applicantAccountId, kind, originalName, content);
	}

	/**
	 * {@link #uploadFile(long, long, FileKind, String, ContentSource)} for content
	 * already in memory.
	 */
	public ApplicationView uploadFile(long applicationId, long applicantAccountId, FileKind kind, String originalName,
			byte[] content) {
		try {
			return uploadFile(applicationId, applicantAccountId, kind, originalName,
					() -> new ByteArrayInputStream(content));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Transactional
	public ApplicationView removeFile(long applicationId, long applicantAccountId, FileKind kind) {
		return uploads.remove(applicationId, applicantAccountId, kind);
	}

	/**
	 * @return the stored file of the applicant's own application, for download
	 */
	@Transactional(readOnly = true)
	public StoredFile openFile(long applicationId, long applicantAccountId, long fileId) {
		owned.get(applicationId, applicantAccountId);
		return uploads.storedFile(applicationId, fileId);
	}

	/**
	 * Submits and locks the application, if it is complete and the request came in time.
	 * A second submission of the same application returns the first receipt and sends no
	 * second mail.
	 * @param requestedAt when the request reached the server; this instant, not the end
	 * of the processing, is compared with the deadline
	 */
	@Transactional
	public ApplicationView submit(long applicationId, long applicantAccountId, Instant requestedAt, Locale locale) {
		return submissions.submit(applicationId, applicantAccountId, requestedAt, locale);
	}

	@Transactional
	public ApplicationView withdraw(long applicationId, long applicantAccountId, Instant requestedAt) {
		return submissions.withdraw(applicationId, applicantAccountId, requestedAt);
	}

	ApplicationView view(Application application) {
		return owned.view(application);
	}

	/** The views of many applications, with their files read in one query. */
	List<ApplicationView> views(List<Application> applications) {
		return owned.views(applications);
	}

	StoredFile storedFile(long applicationId, long fileId) {
		return uploads.storedFile(applicationId, fileId);
	}

	/**
	 * Who is applying, as the accounts module knows them.
	 */
	public record Applicant(long accountId, String email, String displayName) {
	}

	/**
	 * An uploaded file and a way to read its content.
	 */
	public record StoredFile(ApplicationFileView file, ContentSource content) {
	}

	/**
	 * Opens a stored file's content.
	 */
	@FunctionalInterface
	public interface ContentSource {

		InputStream open() throws IOException;

	}

	/**
	 * The outcome of a BibTeX import: how many publications were added, and each refused
	 * entry.
	 */
	public record BibtexImport(int imported, List<Problem> problems) {

		/**
		 * @param entry the entry's key or position
		 * @param code the message code of what is wrong with it
		 */
		public record Problem(String entry, String code) implements Serializable {
		}
	}

}
