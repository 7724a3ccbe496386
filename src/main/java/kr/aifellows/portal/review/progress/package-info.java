/**
 * Where each call's review stands, counted for the chair's dashboard, and the reminders
 * sent to reviewers who are late.
 */
package kr.aifellows.portal.review.progress;
