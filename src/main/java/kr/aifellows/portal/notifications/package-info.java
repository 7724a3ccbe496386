/**
 * In-portal notifications: status changes of the other modules (application submitted,
 * reviewer assigned, decision published, job finished, top-up answered), written from
 * their events and shown in the header's notification list. Mails stay with the modules.
 */
package kr.aifellows.portal.notifications;
