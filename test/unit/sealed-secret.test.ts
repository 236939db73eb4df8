// The SMTP password at rest: opened only with the secret it was sealed under.
import { describe, expect, it } from 'vitest';
import { seal, unseal } from '../../mail/sealed-secret.js';

const secret = 'a-secret-of-at-least-32-characters-0001';

describe('the sealed SMTP password', () => {
  it('opens with its secret and shows nothing of the password', () => {
    const sealed = seal(secret, 'smtp-pässword');
    expect(sealed).not.toContain('smtp');
    expect(unseal(secret, sealed)).toBe('smtp-pässword');
    // A fresh IV each time: the same password never seals to the same text.
    expect(seal(secret, 'smtp-pässword')).not.toBe(sealed);
  });

  it('refuses another secret and a tampered value, saying what to do', () => {
    const sealed = seal(secret, 'pw');
    expect(() => unseal('another-secret-of-at-least-32-characters', sealed)).toThrow(/enter it again/);
    const [v, iv, tag, body] = sealed.split('.');
    expect(() => unseal(secret, [v, iv, tag, `${body}AA`].join('.'))).toThrow(/enter it again/);
    expect(() => unseal(secret, 'plain text')).toThrow(/not in a form/);
  });
});
