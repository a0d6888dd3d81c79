/** A calendar with one event, 2026-11-23 09:00 to the next day 09:00 UTC, for alice by her email. */
export const FEED = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Example//On call//EN',
  'BEGIN:VEVENT',
  'UID:shift-1@example.com',
  'DTSTAMP:20261101T000000Z',
  'DTSTART:20261123T090000Z',
  'DTEND:20261124T090000Z',
  'SUMMARY:On call',
  'ATTENDEE;CN=Alice L.:mailto:alice@example.com',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');
