/**
 * Review committees: reviewer pool, conflicts, assignment, scoring, calibration and
 * decisions, one sub-package each.
 */
package kr.aifellows.portal.review;
