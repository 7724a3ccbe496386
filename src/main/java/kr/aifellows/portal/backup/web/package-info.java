/**
 * The admin page that lists the backups.
 */
package kr.aifellows.portal.backup.web;
