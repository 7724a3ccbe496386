/**
 * After the reviews: the ranking, the score sheet, the decisions and their publication; a
 * named interface for the other modules.
 */
@NamedInterface("decisions")
package kr.aifellows.portal.review.decisions;

import org.springframework.modulith.NamedInterface;
