/**
 * Fellows' pages: GPU-hour grants, jobs and usage, on top of the gpu module.
 */
package kr.aifellows.portal.fellows;
