/**
 * What several portal instances on one database agree on: scheduled work run once, and
 * the registry of instances.
 */
package kr.aifellows.portal.system.cluster;
