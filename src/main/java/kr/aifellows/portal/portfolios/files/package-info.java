/**
 * The applications' uploaded files: checking, storing and the queue that extracts their
 * text.
 */
package kr.aifellows.portal.portfolios.files;
