package kr.aifellows.portal.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the privacy module ({@code portal.privacy.*}).
 *
 * @param accessRecordRetentionYears how long access records are kept: at least 1 year, 2
 * by default (the safety-measure standard asks for 2 years where many people's data are
 * processed)
 * @param officerName the privacy officer (개인정보 보호책임자) named in the policy
 * @param officerEmail where data subjects reach the privacy officer
 * @param manyApplicantsPerHour distinct applicants one person's records touch within an
 * hour that the monthly review highlights
 * @param requestDeadlineDays days within which a correction or deletion request must be
 * answered
 * @param unselectedApplicationRetentionYears how long an application that was not
 * selected (withdrawn, drafts, rejected, wait-listed) is kept after its call closed: at
 * least 1 year, 3 by default; then its personal data, files and reviews are destroyed
 * @param fellowRecordRetentionYears how long a fellow's records (the selected
 * application, the names and scripts of their GPU jobs, their top-up requests' reasons)
 * are kept after their last grant ended: at least 1 year, 5 by default
 */
@ConfigurationProperties("portal.privacy")
public record PrivacyProperties(@DefaultValue("2") int accessRecordRetentionYears,
		@DefaultValue("AI 국가대표 펠로십 운영사무국 개인정보 보호책임자") String officerName,
		@DefaultValue("privacy@aifellows.kr") String officerEmail, @DefaultValue("30") int manyApplicantsPerHour,
		@DefaultValue("10") int requestDeadlineDays, @DefaultValue("3") int unselectedApplicationRetentionYears,
		@DefaultValue("5") int fellowRecordRetentionYears) {

	public PrivacyProperties {
		if (accessRecordRetentionYears < 1) {
			throw new IllegalArgumentException("portal.privacy.access-record-retention-years must be at least 1, was "
					+ accessRecordRetentionYears);
		}
		if (unselectedApplicationRetentionYears < 1) {
			throw new IllegalArgumentException(
					"portal.privacy.unselected-application-retention-years must be at least 1, was "
							+ unselectedApplicationRetentionYears);
		}
		if (fellowRecordRetentionYears < 1) {
			throw new IllegalArgumentException("portal.privacy.fellow-record-retention-years must be at least 1, was "
					+ fellowRecordRetentionYears);
		}
	}

	/**
	 * The shortest retention period of any kind of data: backups are kept no longer, so
	 * destroyed data leaves every backup within it.
	 */
	public int shortestRetentionYears() {
		return Math.min(accessRecordRetentionYears,
				Math.min(unselectedApplicationRetentionYears, fellowRecordRetentionYears));
	}

}
