package kr.aifellows.portal.portfolios.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

import kr.aifellows.portal.portfolios.ExcludedPerson;

import org.springframework.validation.Errors;

class ExclusionsForm {

	@Valid
	private List<Row> people = new ArrayList<>();

	static ExclusionsForm of(List<ExcludedPerson> exclusions) {
		ExclusionsForm form = new ExclusionsForm();
		exclusions.forEach(person -> {
			Row row = new Row();
			row.setName(person.name());
			row.setEmail(person.email());
			row.setReason(person.reason());
			row.setAdvisor(person.advisor());
			form.people.add(row);
		});
		form.padRows();
		return form;
	}

	/** Each filled row needs a name and a reason; at most ExcludedPerson.MAX rows. */
	void check(Errors result) {
		for (int i = 0; i < people.size(); i++) {
			Row row = people.get(i);
			if (row.isEmpty()) {
				continue;
			}
			if (Row.isBlank(row.getName())) {
				result.rejectValue("people[" + i + "].name", "NotBlank");
			}
			if (Row.isBlank(row.getReason())) {
				result.rejectValue("people[" + i + "].reason", "exclusions.reasonRequired");
			}
		}
		if (people.stream().filter(row -> !row.isEmpty()).count() > ExcludedPerson.MAX) {
			result.reject("exclusions.tooMany", new Object[] { ExcludedPerson.MAX }, null);
		}
	}

	void padRows() {
		while (people.size() < ExcludedPerson.MAX) {
			people.add(new Row());
		}
	}

	List<ExcludedPerson> toPeople() {
		return people.stream()
			.filter(row -> !row.isEmpty())
			.map(row -> new ExcludedPerson(row.getName().strip(), blankToNull(row.getEmail()), row.getReason().strip(),
					row.isAdvisor()))
			.toList();
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip().toLowerCase(Locale.ROOT);
	}

	public List<Row> getPeople() {
		return people;
	}

	public void setPeople(List<Row> people) {
		this.people = people;
	}

	static class Row {

		@Size(max = 200)
		private String name;

		@Email
		@Size(max = 320)
		private String email;

		@Size(max = 500)
		private String reason;

		private boolean advisor;

		boolean isEmpty() {
			return isBlank(name) && isBlank(email) && isBlank(reason);
		}

		static boolean isBlank(String value) {
			return value == null || value.isBlank();
		}

		public String getName() {
			return name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getEmail() {
			return email;
		}

		public void setEmail(String email) {
			this.email = email;
		}

		public String getReason() {
			return reason;
		}

		public void setReason(String reason) {
			this.reason = reason;
		}

		public boolean isAdvisor() {
			return advisor;
		}

		public void setAdvisor(boolean advisor) {
			this.advisor = advisor;
		}

	}

}
