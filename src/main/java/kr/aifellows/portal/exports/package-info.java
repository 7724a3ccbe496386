/**
 * Excel exports of the portal's data.
 */
package kr.aifellows.portal.exports;
