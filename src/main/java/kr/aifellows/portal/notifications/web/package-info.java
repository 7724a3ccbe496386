/**
 * The notification list page.
 */
package kr.aifellows.portal.notifications.web;
