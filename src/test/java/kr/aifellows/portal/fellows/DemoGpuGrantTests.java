package kr.aifellows.portal.fellows;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.gpu.GpuAllocations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "test", "demo" })
class DemoGpuGrantTests {

	@Autowired
	AccountManagement accounts;

	@Autowired
	GpuAllocations allocations;

	@Autowired
	DemoGpuGrant demo;

	@Test
	void theDemoFellowHasOneHundredGpuHoursOnce() {
		long fellow = accounts.findByEmail(DemoGpuGrant.FELLOW).orElseThrow().id();
		long before = allocations.balance(fellow).granted();

		demo.grant();

		assertThat(before).isEqualTo(100 * 3600L);
		assertThat(allocations.balance(fellow).granted()).isEqualTo(before);
	}

}
