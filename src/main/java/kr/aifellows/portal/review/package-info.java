/**
 * Review committees: conflicts, assignment, scoring, calibration and decisions.
 */
package kr.aifellows.portal.review;
