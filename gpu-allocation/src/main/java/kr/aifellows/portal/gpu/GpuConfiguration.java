package kr.aifellows.portal.gpu;

import java.time.Clock;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GpuProperties.class)
class GpuConfiguration {

	@Bean
	GpuAllocations gpuAllocations(DataSource dataSource, PlatformTransactionManager transactionManager, Clock clock) {
		return new GpuAllocations(dataSource, transactionManager, clock);
	}

	@Bean
	GpuJobs gpuJobs(DataSource dataSource, PlatformTransactionManager transactionManager, JobLauncher launcher,
			GpuProperties properties, Clock clock, ApplicationEventPublisher events) {
		return new GpuJobs(dataSource, transactionManager, launcher, properties, clock, events);
	}

	/**
	 * Follows live jobs every few seconds, and once at start-up so that jobs which ended
	 * while the portal was down are charged.
	 */
	@Component
	static class JobReconciler {

		private static final Logger log = LoggerFactory.getLogger(JobReconciler.class);

		private final GpuJobs jobs;

		JobReconciler(GpuJobs jobs) {
			this.jobs = jobs;
		}

		@EventListener(ApplicationReadyEvent.class)
		void atStartUp() {
			log.info("Reconciling live GPU jobs with the {} launcher", jobs.launcherName());
			jobs.reconcileAll();
		}

		@Scheduled(fixedDelayString = "${portal.gpu.reconcile-interval:PT2S}",
				initialDelayString = "${portal.gpu.reconcile-interval:PT2S}")
		// A lock left by an instance that died holds up the others this long at most; a
		// run that takes
		// longer may overlap the next one elsewhere, which is safe (a job is charged
		// once).
		@SchedulerLock(name = "gpu-reconcile", lockAtMostFor = "PT30S")
		void poll() {
			jobs.reconcileAll();
		}

	}

}
