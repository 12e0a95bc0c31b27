import { describe, expect, it } from 'vitest';
import { consentDocuments, itemDocuments } from './items.ts';
import { consentNeeded, exportNeedsPurpose, informationReceived, mayDecideConsent, providerSide, recipientSide, useBasis } from './information.ts';

describe('A-9.3 information received', () => {
  it('A-9.3 a request’s answer is provided by the requested office; a proposal by the proposing one', () => {
    expect([providerSide('request'), recipientSide('request')]).toEqual(['receiver', 'sender']);
    expect([providerSide('proposal'), recipientSide('proposal')]).toEqual(['sender', 'receiver']);
  });

  it('A-9.3 a proposal is received once sent (not when withdrawn); a request once executed, fully or partly', () => {
    expect(informationReceived({ kind: 'proposal', status: 'signed', outcome: null })).toBe(false);
    expect(informationReceived({ kind: 'proposal', status: 'sent', outcome: null })).toBe(true);
    expect(informationReceived({ kind: 'proposal', status: 'withdrawn', outcome: null })).toBe(false);
    expect(informationReceived({ kind: 'request', status: 'registered', outcome: null })).toBe(false);
    expect(informationReceived({ kind: 'request', status: 'partially_executed', outcome: 'partially_executed' })).toBe(true);
    expect(informationReceived({ kind: 'request', status: 'refused', outcome: 'refused' })).toBe(false);
  });

  it('A-9.3 a use for the original purpose or of public information needs no consent; another purpose needs a consent granted for it', () => {
    const info = { purpose: 'Проверка сведений о перевозчике', isPublic: false };
    expect(useBasis('  проверка   сведений о ПЕРЕВОЗЧИКЕ ', info, [])).toEqual({ basis: 'original_purpose', consentId: null });
    expect(consentNeeded('Доклад руководству', info)).toBe(true);
    expect(useBasis('Доклад руководству', info, [{ id: 'c1', purpose: 'Доклад руководству', status: 'pending' }])).toBeNull();
    expect(useBasis('Доклад руководству', info, [{ id: 'c1', purpose: 'доклад руководству', status: 'granted' }])).toEqual({
      basis: 'consent',
      consentId: 'c1',
    });
    expect(consentNeeded('Доклад руководству', { ...info, isPublic: true })).toBe(false);
    expect(useBasis('Доклад руководству', { ...info, isPublic: true }, [])).toEqual({ basis: 'public', consentId: null });
  });

  it('A-9.3 the head of the providing office or a deputy decides a pending request for consent', () => {
    const pending = { status: 'pending' as const, providerOfficeId: 'akt' };
    expect(mayDecideConsent(pending, { officeId: 'akt', roles: ['deputy_head'] })).toBe(true);
    expect(mayDecideConsent(pending, { officeId: 'akt', roles: ['officer'] })).toBe(false);
    expect(mayDecideConsent(pending, { officeId: 'ore', roles: ['head'] })).toBe(false);
    expect(mayDecideConsent({ ...pending, status: 'granted' }, { officeId: 'akt', roles: ['head'] })).toBe(false);
  });

  it('A-9.3 exporting a letter that carries confidential information received states its purpose', () => {
    const request = { kind: 'request' as const, confidentiality: 'official_use' as const, outcomeConfidentiality: 'official_use' as const, isPublic: false };
    expect(exportNeedsPurpose(request, 'outcome', true)).toBe(true);
    expect(exportNeedsPurpose(request, 'request', true)).toBe(false); // the request is the recipient's own text
    expect(exportNeedsPurpose(request, 'outcome', false)).toBe(false); // the provider exports its own answer
    expect(exportNeedsPurpose({ ...request, outcomeConfidentiality: 'open' }, 'outcome', true)).toBe(false);
    expect(exportNeedsPurpose({ ...request, isPublic: true }, 'refusal', true)).toBe(false);
    expect(exportNeedsPurpose({ ...request, kind: 'proposal' }, 'request', true)).toBe(true);
    // The written confirmation carries the proposal's text too; the authenticity and consent letters carry nothing received.
    expect(exportNeedsPurpose({ ...request, kind: 'proposal' }, 'confirmation', true)).toBe(true);
    for (const doc of ['authenticity', 'consent_request', 'consent_decision'] as const) expect(exportNeedsPurpose(request, doc, true)).toBe(false);
  });

  it('A-6.2 A-7.3 A-8.2 A-9.3 the letters that apply as the item goes', () => {
    expect(itemDocuments({ mode: 'written', doubted: false, outcome: null })).toEqual(['request']);
    expect(itemDocuments({ mode: 'oral', doubted: true, outcome: 'refused' })).toEqual(['confirmation', 'authenticity', 'refusal', 'outcome']);
    expect(itemDocuments({ mode: 'written', doubted: false, outcome: 'executed' })).toEqual(['request', 'outcome']);
    expect(consentDocuments('pending')).toEqual(['consent_request']);
    expect(consentDocuments('refused')).toEqual(['consent_request', 'consent_decision']);
  });
});
