/**
 * Calls for applications and the applicants' portfolios.
 */
package kr.aifellows.portal.portfolios;
