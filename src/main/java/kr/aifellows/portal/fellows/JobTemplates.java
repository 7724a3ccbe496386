package kr.aifellows.portal.fellows;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import kr.aifellows.portal.system.AuditLog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ready job forms to start from: the portal's own (a PyTorch example that runs on the
 * CPU, a multi-GPU {@code torchrun} job, a GPU check) and the ones each fellow saves. A
 * template fills the form only; the job is submitted and checked as any other.
 */
@Service
public class JobTemplates {

	/** How many templates a fellow may keep. */
	public static final int MAX_PER_FELLOW = 50;

	private static final String BUILT_IN_PREFIX = "builtin:";

	private static final String PYTORCH_CPU = """
			#!/bin/sh
			# A small PyTorch training run on the CPU (Debian python3-torch): a two-layer
			# network learns a toy task; the loss falls as it learns.
			python3 - <<'PY'
			import torch
			torch.manual_seed(0)
			x = torch.randn(512, 16)
			y = (x.sum(dim=1, keepdim=True) > 0).float()
			model = torch.nn.Sequential(torch.nn.Linear(16, 32), torch.nn.ReLU(), torch.nn.Linear(32, 1))
			optimiser = torch.optim.SGD(model.parameters(), lr=0.5)
			loss_of = torch.nn.BCEWithLogitsLoss()
			for epoch in range(60):
			    optimiser.zero_grad()
			    loss = loss_of(model(x), y)
			    loss.backward()
			    optimiser.step()
			    if epoch % 10 == 0:
			        print(f"epoch {epoch:2d}  loss {loss.item():.4f}", flush=True)
			accuracy = ((model(x) > 0).float() == y).float().mean().item()
			print(f"accuracy {accuracy:.3f}; CUDA available: {torch.cuda.is_available()}")
			PY
			""";

	private static final String TORCHRUN = """
			#!/bin/sh
			# One process per GPU of this node with torchrun; attach train.py as an input file.
			gpus=$(echo "$CUDA_VISIBLE_DEVICES" | tr ',' '\\n' | grep -c .)
			echo "GPUs: $CUDA_VISIBLE_DEVICES ($gpus)"
			torchrun --standalone --nproc_per_node="$gpus" train.py
			""";

	private static final String GPU_CHECK = """
			#!/bin/sh
			nvidia-smi -L 2>/dev/null || echo "GPUs: $CUDA_VISIBLE_DEVICES"
			""";

	private static final List<JobTemplate> BUILT_IN = List.of(
			new JobTemplate(BUILT_IN_PREFIX + "pytorch-cpu", "template.builtin.pytorchCpu", true, "pytorch-cpu-example",
					PYTORCH_CPU, 1, 1, 10),
			new JobTemplate(BUILT_IN_PREFIX + "torchrun", "template.builtin.torchrun", true, "torchrun-train", TORCHRUN,
					4, 1, 120),
			new JobTemplate(BUILT_IN_PREFIX + "gpu-check", "template.builtin.gpuCheck", true, "gpu-check", GPU_CHECK, 1,
					1, 5));

	private static final String COLUMNS = "id, name, job_name, script, gpus_per_node, nodes, time_limit_minutes";

	private static final String MINE = "select " + COLUMNS
			+ " from job_templates where account_id = :account order by name";

	private static final String ONE = "select " + COLUMNS
			+ " from job_templates where account_id = :account and id = :id";

	private static final String COUNT_OTHERS = """
			select count(*) from job_templates where account_id = :account and name <> :name""";

	private static final String SAVE = """
			insert into job_templates (account_id, name, job_name, script, gpus_per_node, nodes,
			                           time_limit_minutes, saved_at)
			values (:account, :name, :jobName, :script, :gpusPerNode, :nodes, :timeLimitMinutes, :savedAt)
			on conflict (account_id, name) do update set job_name = excluded.job_name, script = excluded.script,
			    gpus_per_node = excluded.gpus_per_node, nodes = excluded.nodes,
			    time_limit_minutes = excluded.time_limit_minutes, saved_at = excluded.saved_at
			returning id""";

	private static final String DELETE = "delete from job_templates where account_id = :account and id = :id";

	private static final String DELETE_ALL = "delete from job_templates where account_id = :account";

	private final JdbcClient jdbc;

	private final AuditLog auditLog;

	private final Clock clock;

	JobTemplates(DataSource dataSource, AuditLog auditLog, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/** The portal's templates, then the fellow's own by name. */
	@Transactional(readOnly = true)
	public List<JobTemplate> available(long accountId) {
		List<JobTemplate> all = new ArrayList<>(BUILT_IN);
		all.addAll(jdbc.sql(MINE).param("account", accountId).query(JobTemplates::own).list());
		return all;
	}

	/**
	 * A template by its key ({@code builtin:…} or the fellow's own id); another fellow's
	 * is not found.
	 */
	@Transactional(readOnly = true)
	public Optional<JobTemplate> find(long accountId, String key) {
		if (key == null) {
			return Optional.empty();
		}
		if (key.startsWith(BUILT_IN_PREFIX)) {
			return BUILT_IN.stream().filter(template -> template.key().equals(key)).findFirst();
		}
		try {
			return jdbc.sql(ONE)
				.param("account", accountId)
				.param("id", Long.parseLong(key))
				.query(JobTemplates::own)
				.optional();
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Saves the fellow's template under its name, replacing one of the same name.
	 * @return the saved template
	 * @throws FellowsException when the fellow already keeps {@link #MAX_PER_FELLOW}
	 * other templates
	 */
	@Transactional
	public JobTemplate save(long accountId, String actor, JobTemplate template) {
		long others = jdbc.sql(COUNT_OTHERS)
			.param("account", accountId)
			.param("name", template.label())
			.query(Long.class)
			.single();
		if (others >= MAX_PER_FELLOW) {
			throw new FellowsException("template.tooMany");
		}
		long id = jdbc.sql(SAVE)
			.param("account", accountId)
			.param("name", template.label())
			.param("jobName", template.jobName())
			.param("script", template.script())
			.param("gpusPerNode", template.gpusPerNode())
			.param("nodes", template.nodes())
			.param("timeLimitMinutes", template.timeLimitMinutes())
			.param("savedAt", Timestamp.from(clock.instant()))
			.query(Long.class)
			.single();
		auditLog.record(actor, "JOB_TEMPLATE_SAVED", "job_template:" + id, template.label());
		return template.withKey(Long.toString(id));
	}

	/** Deletes one of the fellow's own templates; false when there is none by that id. */
	@Transactional
	public boolean delete(long accountId, String actor, long id) {
		boolean deleted = jdbc.sql(DELETE).param("account", accountId).param("id", id).update() > 0;
		if (deleted) {
			auditLog.record(actor, "JOB_TEMPLATE_DELETED", "job_template:" + id, null);
		}
		return deleted;
	}

	/** With the fellow's other records at the end of their retention. */
	void deleteAll(long accountId) {
		jdbc.sql(DELETE_ALL).param("account", accountId).update();
	}

	private static JobTemplate own(ResultSet row, int n) throws SQLException {
		return new JobTemplate(Long.toString(row.getLong("id")), row.getString("name"), false,
				row.getString("job_name"), row.getString("script"), row.getInt("gpus_per_node"), row.getInt("nodes"),
				row.getInt("time_limit_minutes"));
	}

	/**
	 * A job form to start from.
	 *
	 * @param key {@code builtin:…} for the portal's own, else the template's id
	 * @param label a message code for the portal's own, else the name the fellow gave it
	 */
	public record JobTemplate(String key, String label, boolean builtIn, String jobName, String script, int gpusPerNode,
			int nodes, int timeLimitMinutes) {

		public JobTemplate withKey(String newKey) {
			return new JobTemplate(newKey, label, builtIn, jobName, script, gpusPerNode, nodes, timeLimitMinutes);
		}
	}

}
