package kr.aifellows.portal.fellows.web;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import kr.aifellows.portal.fellows.JobTemplates.JobTemplate;
import kr.aifellows.portal.gpu.JobRequest;

/**
 * The job form. The name is checked here and again by the gpu module: letters, digits,
 * '.', '-' and '_' only, so that it can never mean anything to a shell or to the
 * scheduler.
 */
class JobForm {

	@NotBlank
	@Size(max = 64)
	@Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*")
	private String name;

	@NotBlank
	@Size(max = 65_536)
	private String script = "#!/bin/sh\nnvidia-smi -L 2>/dev/null || echo \"GPUs: $CUDA_VISIBLE_DEVICES\"\n";

	@NotNull
	@Min(1)
	@Max(8)
	private Integer gpusPerNode = 1;

	@NotNull
	@Min(1)
	@Max(64)
	private Integer nodes = 1;

	@NotBlank
	private String partition;

	@NotNull
	@Min(1)
	@Max(10_080)
	private Integer timeLimitMinutes = 10;

	long holdSeconds() {
		if (gpusPerNode == null || nodes == null || timeLimitMinutes == null) {
			return 0;
		}
		return (long) gpusPerNode * nodes * timeLimitMinutes * 60;
	}

	void fill(JobTemplate template) {
		name = template.jobName();
		script = template.script();
		gpusPerNode = template.gpusPerNode();
		nodes = template.nodes();
		timeLimitMinutes = template.timeLimitMinutes();
	}

	JobTemplate toTemplate(String templateName) {
		return new JobTemplate(null, templateName, false, name, script.replace("\r\n", "\n"), gpusPerNode, nodes,
				timeLimitMinutes);
	}

	JobRequest toRequest(long accountId, String clusterUser, Map<String, byte[]> files) {
		return new JobRequest(accountId, name, script.replace("\r\n", "\n"), nodes, gpusPerNode, partition,
				Duration.ofMinutes(timeLimitMinutes), clusterUser, files);
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name == null ? null : name.strip();
	}

	public String getScript() {
		return script;
	}

	public void setScript(String script) {
		this.script = script;
	}

	public Integer getGpusPerNode() {
		return gpusPerNode;
	}

	public void setGpusPerNode(Integer gpusPerNode) {
		this.gpusPerNode = gpusPerNode;
	}

	public Integer getNodes() {
		return nodes;
	}

	public void setNodes(Integer nodes) {
		this.nodes = nodes;
	}

	public String getPartition() {
		return partition;
	}

	public void setPartition(String partition) {
		this.partition = partition;
	}

	public Integer getTimeLimitMinutes() {
		return timeLimitMinutes;
	}

	public void setTimeLimitMinutes(Integer timeLimitMinutes) {
		this.timeLimitMinutes = timeLimitMinutes;
	}

}
