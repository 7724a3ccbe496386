/**
 * Backups of the embedded default (database and file store together, on a schedule) and
 * the restore that rebuilds a portal from one.
 */
package kr.aifellows.portal.backup;
