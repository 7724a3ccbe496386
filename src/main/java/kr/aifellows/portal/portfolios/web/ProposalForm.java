package kr.aifellows.portal.portfolios.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import kr.aifellows.portal.portfolios.Proposal;

class ProposalForm {

	@Size(max = Proposal.TITLE_MAX)
	private String title;

	@Size(max = Proposal.ABSTRACT_MAX)
	private String abstractText;

	@Size(max = Proposal.BODY_MAX)
	private String body;

	@Min(1)
	@Max(10_000_000)
	private Long requestedGpuHours;

	@Size(max = Proposal.JUSTIFICATION_MAX)
	private String gpuJustification;

	static ProposalForm of(Proposal proposal) {
		ProposalForm form = new ProposalForm();
		form.title = proposal.title();
		form.abstractText = proposal.abstractText();
		form.body = proposal.body();
		form.requestedGpuHours = proposal.requestedGpuHours();
		form.gpuJustification = proposal.gpuJustification();
		return form;
	}

	Proposal toProposal() {
		return new Proposal(trim(title), trim(abstractText), trim(body), requestedGpuHours, trim(gpuJustification));
	}

	private static String trim(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	public String getTitle() {
		return title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public String getAbstractText() {
		return abstractText;
	}

	public void setAbstractText(String abstractText) {
		this.abstractText = abstractText;
	}

	public String getBody() {
		return body;
	}

	public void setBody(String body) {
		this.body = body;
	}

	public Long getRequestedGpuHours() {
		return requestedGpuHours;
	}

	public void setRequestedGpuHours(Long requestedGpuHours) {
		this.requestedGpuHours = requestedGpuHours;
	}

	public String getGpuJustification() {
		return gpuJustification;
	}

	public void setGpuJustification(String gpuJustification) {
		this.gpuJustification = gpuJustification;
	}

}
