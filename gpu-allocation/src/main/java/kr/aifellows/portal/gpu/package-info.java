/**
 * GPU-hour ledger, job admission and the launchers (local sandbox, Slurm); independent of
 * the portal.
 */
package kr.aifellows.portal.gpu;
