/**
 * Cross-cutting operations: the audit log, outgoing mail, the embedded database and the
 * admin pages.
 */
package kr.aifellows.portal.system;
