import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../shared/telemetry/fingerprint.ts';
import { parseEnvelope } from '../../supabase/functions/error-tracking/sentry/envelope.ts';
import { errorEventFromSentry } from '../../supabase/functions/error-tracking/sentry/event-mapping.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('Sentry envelopes', () => {
  it('reads items by byte length (multi-byte characters, newlines inside) or up to the newline', () => {
    const attachment = 'é\nü';
    const env = parseEnvelope(
      bytes(
        `{"event_id":"e1"}\n{"type":"attachment","length":${bytes(attachment).length}}\n${attachment}\n{"type":"event"}\n{"message":"x"}\n\n`,
      ),
    );
    expect(env.header).toEqual({ event_id: 'e1' });
    expect(env.items.map((i) => [i.type, new TextDecoder().decode(i.payload)])).toEqual([
      ['attachment', attachment],
      ['event', '{"message":"x"}'],
    ]);
  });

  it('takes a last item with neither length nor trailing newline, and a header alone', () => {
    expect(parseEnvelope(bytes('{}\n{"type":"event"}\n{}')).items).toHaveLength(1);
    expect(parseEnvelope(bytes('{"dsn":"x"}')).items).toEqual([]);
  });

  it.each([
    ['', 'the envelope header is not JSON'],
    ['[]\n', 'the envelope header is not a JSON object'],
    ['{}\n{"type":"event","length":-1}\n', '"length" is not a byte count'],
    ['{}\n{"type":"event","length":2}\nabc', 'does not end after its "length" bytes'],
    ['{}\n{"type":""}\n{}', 'names no "type"'],
  ])('refuses %j', (text, message) => {
    expect(() => parseEnvelope(bytes(text))).toThrow(message);
  });
});

describe('Sentry events as error events', () => {
  const frames = [
    { function: 'main', filename: '/app/server.js', lineno: 10, colno: 3 },
    { function: 'charge', filename: '/app/billing.js', lineno: 42, colno: 11 },
  ];

  it('maps the captured exception, its frames (failing call first) and its cause', () => {
    const input = errorEventFromSentry({
      level: 'warning',
      logger: 'billing',
      exception: {
        values: [
          { type: 'ECONNRESET', value: 'socket hang up', stacktrace: { frames: [frames[0]] } },
          { type: 'PaymentError', value: 'charge failed', stacktrace: { frames } },
        ],
      },
      tags: [['region', 'eu']],
      user: { email: 'ann@example.com' },
      timestamp: 1_700_000_000.5,
    });
    expect(input).toMatchObject({
      error_message: 'PaymentError: charge failed',
      component: 'billing',
      severity: 'warning',
      timestamp: '2023-11-14T22:13:20.500Z',
      metadata: { tags: { region: 'eu' } },
    });
    expect(input.stack).toBe(
      [
        'PaymentError: charge failed',
        '    at charge (/app/billing.js:42:11)',
        '    at main (/app/server.js:10:3)',
        'Caused by: ECONNRESET: socket hang up',
        '    at main (/app/server.js:10:3)',
      ].join('\n'),
    );
    expect(JSON.stringify(input.metadata)).not.toContain('ann@example.com');
  });

  it('groups with track_error given the same message, component and err.stack', async () => {
    const err = new TypeError('bad order 12');
    const fromSentry = errorEventFromSentry({
      tags: { component: 'shop' },
      exception: {
        values: [
          {
            type: 'TypeError',
            value: 'bad order 12',
            stacktrace: { frames: [{ function: 'f', filename: '/a.js', lineno: 1, colno: 2 }] },
          },
        ],
      },
    });
    const tracked = {
      error_message: `${err.name}: ${err.message}`,
      component: 'shop',
      stack: 'TypeError: bad order 12\n    at f (/a.js:1:2)',
    };
    expect(await fingerprintOf(fromSentry)).toBe(await fingerprintOf(tracked));
  });

  it.each([
    ['fatal', 'fatal'],
    ['error', 'error'],
    ['warning', 'warning'],
    ['info', 'info'],
    ['log', 'info'],
    ['debug', 'debug'],
    [undefined, 'error'],
    ['bogus', 'error'],
    ['constructor', 'error'],
  ])('level %s is severity %s', (level, severity) => {
    expect(errorEventFromSentry({ level, message: 'm' }).severity).toBe(severity);
  });

  it('takes a message event, scrubs metadata, cuts long labels, and names an empty event', () => {
    const input = errorEventFromSentry({
      message: { formatted: 'disk full on /var' },
      release: 'r'.repeat(150),
      environment: ' production ',
      sdk: { name: 'sentry.python', version: '2.0.0' },
      request: { method: 'GET', url: 'https://shop.example/cart?token=abc' },
      contexts: { os: { name: 'Linux', secret: { nested: true } } },
      extra: { card: '4242 4242 4242 4242' },
    });
    expect(input).toMatchObject({
      error_message: 'disk full on /var',
      component: 'sentry.python',
      environment: 'production',
      metadata: {
        sentry: { request_url: 'https://shop.example/cart', sdk: 'sentry.python/2.0.0' },
        contexts: { os: { name: 'Linux' } },
      },
    });
    expect(input.release).toHaveLength(100);
    expect(JSON.stringify(input.metadata)).not.toContain('4242');
    expect(errorEventFromSentry({}).error_message).toBe('<unlabeled event>');
  });
});
