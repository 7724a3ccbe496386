/**
 * The applicant's own data ("download my data", 개인정보 열람): everything the portal holds
 * about the signed-in person, gathered from the other modules' public API into one
 * archive.
 */
package kr.aifellows.portal.mydata;
