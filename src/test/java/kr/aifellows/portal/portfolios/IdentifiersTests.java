package kr.aifellows.portal.portfolios;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifiersTests {

	@Test
	void orcidChecksDigitIsVerified() {
		assertThat(Identifiers.isValidOrcid("0000-0002-1825-0097")).isTrue();
		assertThat(Identifiers.isValidOrcid("0000-0001-5109-3700")).isTrue();
		assertThat(Identifiers.isValidOrcid("0000-0002-1694-233X")).isTrue();
		assertThat(Identifiers.isValidOrcid("0000-0002-1825-0098")).isFalse();
		assertThat(Identifiers.isValidOrcid("0000-0002-1825")).isFalse();
	}

	@Test
	void orcidIdsAreNormalisedFromEveryFormPeopleTypeAndTheirCheckDigitVerified() {
		for (String typed : new String[] { "0000-0002-1694-233X", "000000021694233x",
				"https://orcid.org/0000-0002-1694-233X", "orcid.org/0000000216942 33X", " 0000 0002 1694 233x ",
				"http://www.orcid.org/0000-0002-1694-233x" }) {
			assertThat(Identifiers.normalizeOrcid(typed)).as(typed).isEqualTo("0000-0002-1694-233X");
			assertThat(Identifiers.isValidOrcid(typed)).as(typed).isTrue();
		}
		assertThat(Identifiers.normalizeOrcid("0000-0002-1694")).isNull();
		assertThat(Identifiers.normalizeOrcid("https://example.org/0000-0002-1694-233X")).isNull();
		assertThat(Identifiers.isValidOrcid("000000021825009 8")).isFalse();
	}

	@Test
	void doisAreNormalisedFromTheirCommonForms() {
		assertThat(Identifiers.normalizeDoi("https://doi.org/10.1145/3292500.3330701"))
			.isEqualTo("10.1145/3292500.3330701");
		assertThat(Identifiers.normalizeDoi("doi:10.18653/v1/2023.acl-long.1"))
			.isEqualTo("10.18653/v1/2023.acl-long.1");
		assertThat(Identifiers.normalizeDoi("11.1234/nope")).isNull();
	}

	@Test
	void arxivIdentifiersOfBothEras() {
		assertThat(Identifiers.normalizeArxiv("arXiv:2401.01234v2")).isEqualTo("2401.01234v2");
		assertThat(Identifiers.normalizeArxiv("https://arxiv.org/abs/1706.03762")).isEqualTo("1706.03762");
		assertThat(Identifiers.normalizeArxiv("hep-th/9901001")).isEqualTo("hep-th/9901001");
		assertThat(Identifiers.normalizeArxiv("not-an-id")).isNull();
	}

}
