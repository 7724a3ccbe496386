package kr.aifellows.portal.review.conflicts;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.Repository;

interface InstitutionMergeRepository extends Repository<InstitutionMerge, Long> {

	InstitutionMerge save(InstitutionMerge merge);

	List<InstitutionMerge> findAllByOrderByMergedAtDesc();

	Optional<InstitutionMerge> findBySpellingKey(String spellingKey);

}
