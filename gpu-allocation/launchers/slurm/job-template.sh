#!/bin/bash
# The batch script the portal gives sbatch for every fellow's job. The fellow's own script is
# never read by sbatch (so its #SBATCH lines can not ask for more than was admitted); this wrapper
# runs it from the job's work directory and hands its exit code back to Slurm.
export PATH=/usr/local/bin:/usr/bin:/bin
cd "${SLURM_SUBMIT_DIR:?}" || exit 125
echo "[portal] job ${SLURM_JOB_ID} on ${SLURM_JOB_NODELIST} GPUs ${CUDA_VISIBLE_DEVICES:-none} started $(date -u +%Y-%m-%dT%H:%M:%SZ)"
if [ "$(head -c 2 job-script)" = "#!" ]; then
  ./job-script
else
  /bin/bash ./job-script
fi
status=$?
echo "[portal] exit ${status} at $(date -u +%Y-%m-%dT%H:%M:%SZ)"
exit "${status}"
