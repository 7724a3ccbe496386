package kr.aifellows.portal.notifications;

import kr.aifellows.portal.fellows.TopUpAnswered;
import kr.aifellows.portal.gpu.JobFinished;
import kr.aifellows.portal.portfolios.ApplicationSubmitted;
import kr.aifellows.portal.review.assignment.ReviewerAssigned;
import kr.aifellows.portal.review.decisions.DecisionPublished;

import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns the other modules' status changes into notifications for the person concerned.
 * Each event has its own key, so one delivered twice notifies once.
 */
@Component
class NotificationEvents {

	private final Notifications notifications;

	NotificationEvents(Notifications notifications) {
		this.notifications = notifications;
	}

	// In the submitting transaction, not through the event publication registry: a
	// deadline rush pays three more commits per submission for each registered listener,
	// and this one is a single insert that commits with the receipt.
	@EventListener
	void on(ApplicationSubmitted event) {
		notifications.notify(event.applicantAccountId(), "SUBMITTED", event.receiptNumber(),
				"/applicant/applications/" + event.applicationId(),
				"submitted:" + event.applicationId() + ":" + event.submittedAt().toEpochMilli());
	}

	@ApplicationModuleListener
	void on(ReviewerAssigned event) {
		if (event.reviewerAccountId() == null) {
			// Not yet signed up: the invitation mail tells them.
			return;
		}
		notifications.notify(event.reviewerAccountId(), "ASSIGNED", Long.toString(event.applicationId()),
				"/reviewer/applications/" + event.applicationId(),
				"assigned:" + event.applicationId() + ":" + event.reviewerId());
	}

	@ApplicationModuleListener
	void on(DecisionPublished event) {
		notifications.notify(event.applicantAccountId(), "DECISION_" + event.outcome(), null, "/applicant/decisions",
				"decision:" + event.applicationId());
	}

	@ApplicationModuleListener
	void on(JobFinished event) {
		notifications.notify(event.accountId(), "JOB_" + event.state(), event.name(), "/fellow/jobs/" + event.jobId(),
				"job:" + event.jobId());
	}

	@ApplicationModuleListener
	void on(TopUpAnswered event) {
		notifications.notify(event.accountId(), "TOP_UP_" + event.status(), Integer.toString(event.gpuHours()),
				"/fellow#top-up", "top-up:" + event.requestId());
	}

}
