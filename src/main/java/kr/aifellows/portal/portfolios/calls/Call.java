package kr.aifellows.portal.portfolios.calls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

import kr.aifellows.portal.portfolios.blind.BlindLevel;

/**
 * A call for applications (모집 공고) with its rubric.
 */
@Entity
@Table(name = "calls")
class Call {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String titleKo;

	private String titleEn;

	@Column(columnDefinition = "text")
	private String descriptionKo;

	@Column(columnDefinition = "text")
	private String descriptionEn;

	private Instant opensAt;

	private Instant closesAt;

	private int slots;

	private long gpuHourEnvelope;

	private int reviewsPerApplication;

	private boolean blindReview;

	@Enumerated(EnumType.STRING)
	private BlindLevel blindLevel = BlindLevel.NAMES;

	private int versionNo = 1;

	private Long previousVersionId;

	private String createdBy;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "call_criteria", joinColumns = @JoinColumn(name = "call_id"))
	@OrderColumn(name = "position")
	private List<Criterion> criteria = new ArrayList<>();

	protected Call() {
	}

	Call(CallDefinition definition, String createdBy) {
		this.createdBy = createdBy;
		apply(definition);
		this.criteria = new ArrayList<>(definition.criteria());
	}

	Long id() {
		return id;
	}

	Instant closesAt() {
		return closesAt;
	}

	Instant opensAt() {
		return opensAt;
	}

	List<Criterion> criteria() {
		return List.copyOf(criteria);
	}

	/**
	 * Changes everything but the rubric, which only changes while {@code rubricFrozen} is
	 * false.
	 * @return whether the rubric was asked to change while frozen (and so was left as it
	 * was)
	 */
	boolean update(CallDefinition definition, boolean rubricFrozen) {
		apply(definition);
		if (!criteria.equals(definition.criteria())) {
			if (rubricFrozen) {
				return true;
			}
			criteria.clear();
			criteria.addAll(definition.criteria());
		}
		return false;
	}

	void extendDeadline(Instant newClosesAt) {
		if (!newClosesAt.isAfter(closesAt)) {
			throw new IllegalArgumentException("An extension must move the deadline later");
		}
		closesAt = newClosesAt;
	}

	Call newVersion(String createdBy) {
		Call next = new Call(toDefinition(), createdBy);
		next.versionNo = versionNo + 1;
		next.blindLevel = blindLevel;
		next.previousVersionId = id;
		return next;
	}

	BlindLevel blindLevel() {
		return blindLevel;
	}

	/**
	 * @return whether this changed anything
	 */
	boolean blindLevel(BlindLevel level) {
		BlindLevel previous = blindLevel;
		blindLevel = level == null ? BlindLevel.NAMES : level;
		return previous != blindLevel;
	}

	CallDefinition toDefinition() {
		return new CallDefinition(titleKo, titleEn, descriptionKo, descriptionEn, opensAt, closesAt, slots,
				gpuHourEnvelope, reviewsPerApplication, blindReview, criteria());
	}

	CallSummary toSummary() {
		return new CallSummary(id, titleKo, titleEn, descriptionKo, descriptionEn, opensAt, closesAt, slots,
				gpuHourEnvelope, reviewsPerApplication, blindReview, versionNo, criteria(), blindLevel);
	}

	private void apply(CallDefinition definition) {
		this.titleKo = definition.titleKo();
		this.titleEn = definition.titleEn();
		this.descriptionKo = definition.descriptionKo();
		this.descriptionEn = definition.descriptionEn();
		this.opensAt = definition.opensAt();
		this.closesAt = definition.closesAt();
		this.slots = definition.slots();
		this.gpuHourEnvelope = definition.gpuHourEnvelope();
		this.reviewsPerApplication = definition.reviewsPerApplication();
		this.blindReview = definition.blindReview();
	}

}
