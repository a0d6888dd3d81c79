import { describe, expect, it } from 'vitest';
import { contactLinks } from '../../../client/service/contact';

describe('contactLinks', () => {
  it('makes mailto:, tel: and https links of an email, a phone and a Slack URL', () => {
    expect(contactLinks({ email: 'alice@example.com', phone: '+44 1234 567-890', slack: 'https://acme.slack.com/team/U123' })).toEqual([
      { kind: 'email', text: 'alice@example.com', href: 'mailto:alice@example.com' },
      { kind: 'phone', text: '+44 1234 567-890', href: 'tel:+441234567890' },
      { kind: 'slack', text: 'https://acme.slack.com/team/U123', href: 'https://acme.slack.com/team/U123' },
    ]);
  });

  it('shows a Slack handle as text', () => {
    expect(contactLinks({ slack: '@alice' })).toEqual([{ kind: 'slack', text: '@alice', href: null }]);
  });

  it.each([
    [{ email: 'alice@example.com?bcc=eve@evil.example' }],
    [{ email: 'javascript:alert(1)//@x.y' }],
    [{ phone: 'javascript:alert(1)' }],
    [{ slack: 'javascript:alert(1)' }],
    [{ slack: 'http://acme.slack.com/team/U123' }],
  ])('never makes a link of %j, and still shows it as text', (contact) => {
    const [link] = contactLinks(contact);
    expect(link?.href).toBeNull();
    expect(link?.text).toBe(Object.values(contact)[0]);
  });

  it('says nothing when nothing is known', () => {
    expect(contactLinks({})).toEqual([]);
  });
});
