package kr.aifellows.portal.portfolios;

import jakarta.persistence.Embeddable;

/**
 * A repository the applicant works on, with their role.
 */
@Embeddable
public record OpenSourceWork(String repositoryUrl, String role, String description) {
}
