package kr.aifellows.portal.portfolios.web;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import kr.aifellows.portal.portfolios.blind.BlindLevel;
import kr.aifellows.portal.portfolios.calls.CallDefinition;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.portfolios.calls.Criterion;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * A call as the chair edits it; times are entered in Asia/Seoul.
 */
class CallForm {

	static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	static final int CRITERION_ROWS = 6;

	@NotBlank
	@Size(max = 300)
	private String titleKo;

	@NotBlank
	@Size(max = 300)
	private String titleEn;

	@NotBlank
	@Size(max = 10_000)
	private String descriptionKo;

	@NotBlank
	@Size(max = 10_000)
	private String descriptionEn;

	@NotNull
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
	private LocalDateTime opensAt;

	@NotNull
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
	private LocalDateTime closesAt;

	@NotNull
	@Min(1)
	@Max(10_000)
	private Integer slots;

	@NotNull
	@Min(0)
	private Long gpuHourEnvelope;

	@NotNull
	@Min(1)
	@Max(20)
	private Integer reviewsPerApplication = 3;

	private boolean blindReview = true;

	private BlindLevel blindLevel = BlindLevel.NAMES;

	@Valid
	private List<CriterionRow> criteria = new ArrayList<>();

	static CallForm empty() {
		CallForm form = new CallForm();
		form.padRows();
		return form;
	}

	static CallForm of(CallSummary call) {
		CallForm form = new CallForm();
		form.titleKo = call.titleKo();
		form.titleEn = call.titleEn();
		form.descriptionKo = call.descriptionKo();
		form.descriptionEn = call.descriptionEn();
		form.opensAt = LocalDateTime.ofInstant(call.opensAt(), SEOUL);
		form.closesAt = LocalDateTime.ofInstant(call.closesAt(), SEOUL);
		form.slots = call.slots();
		form.gpuHourEnvelope = call.gpuHourEnvelope();
		form.reviewsPerApplication = call.reviewsPerApplication();
		form.blindReview = call.blindReview();
		form.blindLevel = call.blindLevel();
		call.criteria().forEach(criterion -> form.criteria.add(CriterionRow.of(criterion)));
		form.padRows();
		return form;
	}

	void padRows() {
		while (criteria.size() < CRITERION_ROWS) {
			criteria.add(new CriterionRow());
		}
	}

	CallDefinition toDefinition() {
		return new CallDefinition(titleKo.strip(), titleEn.strip(), descriptionKo.strip(), descriptionEn.strip(),
				opensAt.atZone(SEOUL).toInstant(), closesAt.atZone(SEOUL).toInstant(), slots, gpuHourEnvelope,
				reviewsPerApplication, blindReview,
				criteria.stream().filter(row -> !row.isEmpty()).map(CriterionRow::toCriterion).toList());
	}

	public String getTitleKo() {
		return titleKo;
	}

	public void setTitleKo(String titleKo) {
		this.titleKo = titleKo;
	}

	public String getTitleEn() {
		return titleEn;
	}

	public void setTitleEn(String titleEn) {
		this.titleEn = titleEn;
	}

	public String getDescriptionKo() {
		return descriptionKo;
	}

	public void setDescriptionKo(String descriptionKo) {
		this.descriptionKo = descriptionKo;
	}

	public String getDescriptionEn() {
		return descriptionEn;
	}

	public void setDescriptionEn(String descriptionEn) {
		this.descriptionEn = descriptionEn;
	}

	public LocalDateTime getOpensAt() {
		return opensAt;
	}

	public void setOpensAt(LocalDateTime opensAt) {
		this.opensAt = opensAt;
	}

	public LocalDateTime getClosesAt() {
		return closesAt;
	}

	public void setClosesAt(LocalDateTime closesAt) {
		this.closesAt = closesAt;
	}

	public Integer getSlots() {
		return slots;
	}

	public void setSlots(Integer slots) {
		this.slots = slots;
	}

	public Long getGpuHourEnvelope() {
		return gpuHourEnvelope;
	}

	public void setGpuHourEnvelope(Long gpuHourEnvelope) {
		this.gpuHourEnvelope = gpuHourEnvelope;
	}

	public Integer getReviewsPerApplication() {
		return reviewsPerApplication;
	}

	public void setReviewsPerApplication(Integer reviewsPerApplication) {
		this.reviewsPerApplication = reviewsPerApplication;
	}

	public BlindLevel getBlindLevel() {
		return blindLevel;
	}

	public void setBlindLevel(BlindLevel blindLevel) {
		this.blindLevel = blindLevel == null ? BlindLevel.NAMES : blindLevel;
	}

	public boolean isBlindReview() {
		return blindReview;
	}

	public void setBlindReview(boolean blindReview) {
		this.blindReview = blindReview;
	}

	public List<CriterionRow> getCriteria() {
		return criteria;
	}

	public void setCriteria(List<CriterionRow> criteria) {
		this.criteria = criteria;
	}

	public static class CriterionRow {

		@Size(max = 200)
		private String nameKo;

		@Size(max = 200)
		private String nameEn;

		@DecimalMin(value = "0.001")
		private BigDecimal weight;

		@Min(2)
		@Max(100)
		private Integer scaleMax;

		@Size(max = 2000)
		private String guidanceKo;

		@Size(max = 2000)
		private String guidanceEn;

		static CriterionRow of(Criterion criterion) {
			CriterionRow row = new CriterionRow();
			row.nameKo = criterion.nameKo();
			row.nameEn = criterion.nameEn();
			row.weight = criterion.weight();
			row.scaleMax = criterion.scaleMax();
			row.guidanceKo = criterion.guidanceKo();
			row.guidanceEn = criterion.guidanceEn();
			return row;
		}

		boolean isEmpty() {
			return (nameKo == null || nameKo.isBlank()) && (nameEn == null || nameEn.isBlank()) && weight == null
					&& scaleMax == null;
		}

		boolean isComplete() {
			return nameKo != null && !nameKo.isBlank() && nameEn != null && !nameEn.isBlank() && weight != null
					&& scaleMax != null;
		}

		Criterion toCriterion() {
			return new Criterion(nameKo.strip(), nameEn.strip(), weight.stripTrailingZeros(), 1, scaleMax,
					guidanceKo == null ? "" : guidanceKo.strip(), guidanceEn == null ? "" : guidanceEn.strip());
		}

		public String getNameKo() {
			return nameKo;
		}

		public void setNameKo(String nameKo) {
			this.nameKo = nameKo;
		}

		public String getNameEn() {
			return nameEn;
		}

		public void setNameEn(String nameEn) {
			this.nameEn = nameEn;
		}

		public BigDecimal getWeight() {
			return weight;
		}

		public void setWeight(BigDecimal weight) {
			this.weight = weight;
		}

		public Integer getScaleMax() {
			return scaleMax;
		}

		public void setScaleMax(Integer scaleMax) {
			this.scaleMax = scaleMax;
		}

		public String getGuidanceKo() {
			return guidanceKo;
		}

		public void setGuidanceKo(String guidanceKo) {
			this.guidanceKo = guidanceKo;
		}

		public String getGuidanceEn() {
			return guidanceEn;
		}

		public void setGuidanceEn(String guidanceEn) {
			this.guidanceEn = guidanceEn;
		}

	}

}
