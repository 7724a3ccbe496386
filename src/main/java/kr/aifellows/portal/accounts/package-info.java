/**
 * Accounts, roles, registration, invitations and the security configuration.
 */
package kr.aifellows.portal.accounts;
