package kr.aifellows.portal.portfolios.calls;

import java.util.Optional;

import org.springframework.data.repository.Repository;

interface CallExtensionRepository extends Repository<CallExtension, Long> {

	CallExtension save(CallExtension extension);

	Optional<CallExtension> findByCallIdAndApplicantAccountId(long callId, long applicantAccountId);

}
