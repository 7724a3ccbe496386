package kr.aifellows.portal.review.pool;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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
import jakarta.persistence.Version;

import kr.aifellows.portal.portfolios.Affiliation;
import kr.aifellows.portal.portfolios.Publication;
import kr.aifellows.portal.review.ReviewException;
import kr.aifellows.portal.shared.ResearchArea;

/**
 * A member of the reviewer pool: invited by e-mail, linked to an account once the
 * invitation is accepted, with the profile the conflict checks and the assignment read.
 */
@Entity
@Table(name = "reviewers")
public class Reviewer {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String email;

	private Long accountId;

	private String name;

	private String nameRomanized;

	private String orcid;

	private int loadCap = 8;

	private int loadFloor;

	private String invitedBy;

	private Instant createdAt;

	private Instant updatedAt;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "reviewer_areas", joinColumns = @JoinColumn(name = "reviewer_id"))
	@Enumerated(EnumType.STRING)
	@Column(name = "area")
	private Set<ResearchArea> areas = EnumSet.noneOf(ResearchArea.class);

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "reviewer_affiliations", joinColumns = @JoinColumn(name = "reviewer_id"))
	@OrderColumn(name = "position")
	private List<Affiliation> affiliations = new ArrayList<>();

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "reviewer_publications", joinColumns = @JoinColumn(name = "reviewer_id"))
	@OrderColumn(name = "position")
	private List<Publication> publications = new ArrayList<>();

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "reviewer_relations", joinColumns = @JoinColumn(name = "reviewer_id"))
	@OrderColumn(name = "position")
	private List<ReviewerRelation> relations = new ArrayList<>();

	@Version
	private long version;

	protected Reviewer() {
	}

	Reviewer(String email, String name, String invitedBy, Instant now) {
		this.email = email;
		this.name = name;
		this.invitedBy = invitedBy;
		this.createdAt = now;
		this.updatedAt = now;
	}

	public Long id() {
		return id;
	}

	String email() {
		return email;
	}

	public Long accountId() {
		return accountId;
	}

	void linkAccount(long accountId) {
		this.accountId = accountId;
	}

	public int loadCap() {
		return loadCap;
	}

	public int loadFloor() {
		return loadFloor;
	}

	void updateProfile(ReviewerProfile profile, Instant now) {
		name = profile.name();
		nameRomanized = profile.nameRomanized();
		orcid = profile.orcid();
		areas.clear();
		areas.addAll(profile.areas());
		affiliations.clear();
		affiliations.addAll(profile.affiliations());
		relations.clear();
		relations.addAll(profile.relations());
		updatedAt = now;
	}

	void setLoad(int cap, int floor, Instant now) {
		if (cap < 0 || floor < 0 || floor > cap) {
			throw new ReviewException("reviewer.badLoad");
		}
		loadCap = cap;
		loadFloor = floor;
		updatedAt = now;
	}

	void addPublications(List<Publication> added, Instant now) {
		publications.addAll(added);
		updatedAt = now;
	}

	void removePublication(int index, Instant now) {
		if (index >= 0 && index < publications.size()) {
			publications.remove(index);
		}
		updatedAt = now;
	}

	public ReviewerView toView() {
		return new ReviewerView(
				id, email, accountId, new ReviewerProfile(name, nameRomanized, orcid, Set.copyOf(areas),
						List.copyOf(affiliations), List.copyOf(relations)),
				List.copyOf(publications), loadCap, loadFloor, createdAt, updatedAt);
	}

}
