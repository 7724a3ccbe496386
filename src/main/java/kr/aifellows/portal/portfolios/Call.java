package kr.aifellows.portal.portfolios;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A call for applications (모집 공고).
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

	protected Call() {
	}

	Call(String titleKo, String titleEn, String descriptionKo, String descriptionEn, Instant opensAt,
			Instant closesAt, int slots, long gpuHourEnvelope, int reviewsPerApplication, boolean blindReview) {
		this.titleKo = titleKo;
		this.titleEn = titleEn;
		this.descriptionKo = descriptionKo;
		this.descriptionEn = descriptionEn;
		this.opensAt = opensAt;
		this.closesAt = closesAt;
		this.slots = slots;
		this.gpuHourEnvelope = gpuHourEnvelope;
		this.reviewsPerApplication = reviewsPerApplication;
		this.blindReview = blindReview;
	}

	CallSummary toSummary() {
		return new CallSummary(id, titleKo, titleEn, descriptionKo, descriptionEn, opensAt, closesAt, slots,
				gpuHourEnvelope, reviewsPerApplication, blindReview);
	}
}
