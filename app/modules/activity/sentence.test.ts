/**
 * Sentences of the entries other areas record: the inbox's tickets and
 * settings and the Studio's image saves, in English and French, with the
 * details they carry.
 */
import { describe, expect, it } from 'vitest';
import { createI18n } from '~/i18n/i18n';
import { activitySentence, type SentenceFields } from './sentence';
import { RESOURCE_TYPES, VERBS } from './vocabulary';

const en = createI18n('en');
const fr = createI18n('fr');

function entry(fields: Partial<SentenceFields>): SentenceFields {
  return {
    verb: 'updated',
    resourceType: 'product',
    resourceId: '7',
    resourceTitle: null,
    summary: 'stored',
    details: null,
    ...fields,
  };
}

describe('activity sentences of Steward’s own areas', () => {
  it('names a ticket’s change with its facts translated', () => {
    const status = entry({
      resourceType: 'ticket',
      verb: 'status_changed',
      resourceTitle: '#12',
      details: { status: 'solved', previousStatus: 'open' },
    });
    expect(activitySentence(en, status)).toBe('Status of ticket #12 changed — solved');
    expect(activitySentence(fr, status)).toBe('Statut de la demande #12 modifié — résolue');

    const priority = entry({
      resourceType: 'ticket',
      verb: 'priority_changed',
      resourceTitle: '#12',
      details: { priority: 'urgent' },
    });
    expect(activitySentence(en, priority)).toBe('Priority of ticket #12 changed — urgent');

    const tagged = entry({
      resourceType: 'ticket',
      verb: 'tagged',
      resourceTitle: '#12',
      details: { tag: 'breakage' },
    });
    expect(activitySentence(en, tagged)).toBe('Ticket #12 tagged “breakage”');
    expect(activitySentence(fr, tagged)).toBe('Demande #12 étiquetée « breakage »');

    const rated = entry({ resourceType: 'ticket', verb: 'rated', resourceTitle: '#12', details: { rating: 5 } });
    expect(activitySentence(en, rated)).toBe('Customer rated ticket #12 5/5');
  });

  it('tells a Studio edit from a rollback, with the version', () => {
    const edit = entry({ resourceTitle: 'Wool hat', details: { studio: 'edit', version: 3 } });
    expect(activitySentence(en, edit)).toBe('Image of product “Wool hat” edited in Studio (version 3)');
    const rollback = entry({
      resourceTitle: 'Wool hat',
      details: { studio: 'rollback', version: 4, restoredVersion: 0 },
    });
    expect(activitySentence(en, rollback)).toBe('Image of product “Wool hat” restored to version 0');
    expect(activitySentence(fr, rollback)).toBe('Image du produit « Wool hat » restaurée à la version 0');
    // Any other product update keeps its own sentence.
    expect(activitySentence(en, entry({ resourceTitle: 'Wool hat' }))).toBe('Product “Wool hat” updated');
  });

  it('labels every verb and resource type for the page’s filters, in both languages', () => {
    for (const i18n of [en, fr]) {
      for (const verb of VERBS) expect(i18n.exists(`activity.verbs.${verb}`), verb).toBe(true);
      for (const type of RESOURCE_TYPES) expect(i18n.exists(`activity.resourceTypes.${type}`), type).toBe(true);
    }
  });
});
