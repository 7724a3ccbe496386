/**
 * Shared kernel: web configuration, localisation and error pages used by every module.
 */
package kr.aifellows.portal.shared;
