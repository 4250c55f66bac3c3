import { describe, expect, it } from 'vitest';
import { breachTiming } from '../../shared/gdpr/breach.ts';
import { toCsv } from '../../shared/gdpr/csv.ts';
import {
  addCalendarMonths,
  breachNotificationDueAt,
  requestDueAt,
} from '../../shared/gdpr/deadlines.ts';
import { decideExtension } from '../../shared/gdpr/request-extension.ts';

const at = (iso: string) => new Date(iso);

describe('Art. 12(3): one calendar month from receipt', () => {
  it('ends on the same date next month, or that month’s last day, at the end of the day', () => {
    expect(requestDueAt(at('2026-03-05T14:00:00Z')).toISOString()).toBe('2026-04-05T23:59:59.999Z');
    expect(requestDueAt(at('2026-01-31T10:00:00Z')).toISOString()).toBe('2026-02-28T23:59:59.999Z');
    expect(requestDueAt(at('2028-01-31T10:00:00Z')).toISOString()).toBe('2028-02-29T23:59:59.999Z');
    expect(requestDueAt(at('2026-12-15T00:00:00Z')).toISOString()).toBe('2027-01-15T23:59:59.999Z');
    expect(requestDueAt(at('2026-11-30T08:00:00Z'), 2).toISOString()).toBe(
      '2027-02-28T23:59:59.999Z',
    );
  });

  it('adds calendar months keeping the time of day', () => {
    expect(addCalendarMonths(at('2026-08-31T12:30:00Z'), 1).toISOString()).toBe(
      '2026-09-30T12:30:00.000Z',
    );
    expect(addCalendarMonths(at('2026-10-31T12:30:00Z'), 3).toISOString()).toBe(
      '2027-01-31T12:30:00.000Z',
    );
  });
});

describe('extensions', () => {
  const request = {
    status: 'verified' as const,
    received_at: at('2026-03-10T09:00:00Z'),
    due_at: at('2026-04-10T23:59:59.999Z'),
    extension_months: 0,
  };

  it('moves the deadline by the months asked, up to two in total', () => {
    const ext = decideExtension(request, 2, at('2026-04-01T00:00:00Z'));
    expect(ext).toEqual({ extension_months: 2, due_at: at('2026-06-10T23:59:59.999Z') });
    expect(() =>
      decideExtension({ ...request, extension_months: 2 }, 1, at('2026-04-01T00:00:00Z')),
    ).toThrow('extensions may total at most 2 months');
  });

  it('must be decided within the first month', () => {
    expect(() => decideExtension(request, 1, at('2026-04-11T00:00:00Z'))).toThrow(
      'an extension must be decided within 1 month of receipt',
    );
  });
});

describe('Art. 33(1): 72 hours from awareness', () => {
  it('is overdue only while awaiting a decision past 72 hours', () => {
    const aware = at('2026-05-01T10:00:00Z');
    expect(breachNotificationDueAt(aware).toISOString()).toBe('2026-05-04T10:00:00.000Z');
    const open = { aware_at: aware, status: 'detected' as const, notified_at: null };
    expect(breachTiming(open, at('2026-05-04T10:00:00Z')).overdue).toBe(false);
    expect(breachTiming(open, at('2026-05-04T10:00:01Z'))).toMatchObject({
      overdue: true,
      hours_since_awareness: 72,
    });
    const late = {
      aware_at: aware,
      status: 'notified' as const,
      notified_at: at('2026-05-05T00:00:00Z'),
    };
    expect(breachTiming(late, at('2026-05-06T00:00:00Z'))).toMatchObject({
      overdue: false,
      notified_on_time: false,
    });
  });
});

describe('CSV export', () => {
  it('follows RFC 4180: CRLF, quoted fields with commas, quotes and newlines, JSON for objects', () => {
    expect(
      toCsv([
        { id: 1, note: 'plain', tags: ['a', 'b'], gone: null },
        { id: 2, note: 'say "hi", twice\nok', tags: null, gone: null },
      ]),
    ).toBe('id,note,tags,gone\r\n1,plain,"[""a"",""b""]",\r\n2,"say ""hi"", twice\nok",,\r\n');
    expect(toCsv([])).toBe('');
  });
});
