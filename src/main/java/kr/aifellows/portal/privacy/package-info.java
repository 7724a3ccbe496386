/**
 * Personal data as the Personal Information Protection Act (개인정보 보호법) and its
 * safety-measure standard expect: the access records of everyone who handles applicants'
 * personal data, tamper-evident and kept for a set time.
 */
package kr.aifellows.portal.privacy;
