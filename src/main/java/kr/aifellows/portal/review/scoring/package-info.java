/**
 * The reviewer's side: the queue, the workspace, the review form and its scores, the
 * discussion, the round.
 */
package kr.aifellows.portal.review.scoring;
