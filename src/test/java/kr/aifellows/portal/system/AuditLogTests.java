package kr.aifellows.portal.system;

import kr.aifellows.portal.PortalIntegrationTest;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PortalIntegrationTest
class AuditLogTests {

	@Autowired
	AuditLog auditLog;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void entriesCanBeAddedAndFoundButNeverChangedOrDeleted() {
		auditLog.record("chair@test", "TEST_EVENT", "application-42", "scored");
		long id = auditLog.search("TEST_EVENT", "application-42", PageRequest.of(0, 1)).getContent().get(0).id();

		assertThatThrownBy(() -> jdbc.update("update audit_log set detail = 'forged' where id = ?", id))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.update("delete from audit_log where id = ?", id))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.execute("truncate audit_log")).isInstanceOf(DataAccessException.class);
		assertThat(jdbc.queryForObject("select detail from audit_log where id = ?", String.class, id))
			.isEqualTo("scored");
	}
}
