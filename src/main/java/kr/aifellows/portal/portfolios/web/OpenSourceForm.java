package kr.aifellows.portal.portfolios.web;

import java.util.stream.Stream;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import kr.aifellows.portal.portfolios.OpenSourceWork;

class OpenSourceForm {

	@NotBlank
	@Size(max = 500)
	@Pattern(regexp = "^https?://[^\\s/]+/\\S+$", message = "{repository.url}")
	private String repositoryUrl;

	@NotBlank
	@Size(max = 100)
	private String role;

	@NotBlank
	@Size(max = 1000)
	private String description;

	boolean isEmpty() {
		return Stream.of(repositoryUrl, role, description).allMatch(v -> v == null || v.isBlank());
	}

	OpenSourceWork toWork() {
		return new OpenSourceWork(repositoryUrl.strip(), role.strip(), description.strip());
	}

	public String getRepositoryUrl() {
		return repositoryUrl;
	}

	public void setRepositoryUrl(String repositoryUrl) {
		this.repositoryUrl = repositoryUrl;
	}

	public String getRole() {
		return role;
	}

	public void setRole(String role) {
		this.role = role;
	}

	public String getDescription() {
		return description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

}
