import { describe, expect, it } from 'vitest';
import { applyRules, foldText, type RuleSpec } from './rules';

function rule(id: string, fields: Partial<RuleSpec> = {}): RuleSpec {
  return {
    id,
    name: id,
    enabled: true,
    keywords: [],
    topic: null,
    addTags: [],
    setPriority: null,
    assigneeId: null,
    assigneeName: null,
    autoAcknowledge: false,
    acknowledgeTemplateId: null,
    ...fields,
  };
}

const facts = (message: string, topic: string | null = null) => ({ subject: message.split('\n')[0]!, message, topic });

describe('inbox rules', () => {
  it('matches keywords as whole words or phrases, ignoring case and accents', () => {
    const rules = [rule('refund', { keywords: ['remboursé', 'money back'], addTags: ['refund'] })];
    expect(applyRules(rules, facts('Je veux être REMBOURSE')).tags).toEqual(['refund']);
    expect(applyRules(rules, facts('I want my Money   Back now')).tags).toEqual(['refund']);
    expect(applyRules(rules, facts('remboursements'))).toMatchObject({ tags: [], matched: [] });
    expect(applyRules(rules, facts('moneyback'))).toMatchObject({ tags: [] });
    expect(foldText('  Ça  VA\tbien ')).toBe('ca va bien');
  });

  it('applies every matching rule: tags add up, the most urgent priority set wins, the first assignee and acknowledgement', () => {
    const rules = [
      rule('ack', { autoAcknowledge: true, acknowledgeTemplateId: 'tpl-1' }),
      rule('low', { keywords: ['newsletter'], setPriority: 'low', addTags: ['marketing'] }),
      rule('broken', {
        keywords: ['broken'],
        topic: 'returns',
        setPriority: 'urgent',
        addTags: ['damage'],
        assigneeId: '7',
        assigneeName: 'Kim',
      }),
      rule('returns', {
        topic: 'returns',
        setPriority: 'high',
        addTags: ['returns', 'damage'],
        assigneeId: '8',
        autoAcknowledge: true,
      }),
      rule('off', { enabled: false, addTags: ['never'] }),
    ];
    expect(applyRules(rules, facts('It arrived broken', 'returns'))).toEqual({
      tags: ['damage', 'returns'],
      priority: 'urgent',
      assignee: { id: '7', name: 'Kim' },
      acknowledge: { templateId: 'tpl-1' },
      matched: [
        { id: 'ack', name: 'ack' },
        { id: 'broken', name: 'broken' },
        { id: 'returns', name: 'returns' },
      ],
    });
    // The topic must match; a rule may lower the priority; without any, normal.
    expect(applyRules(rules, facts('It arrived broken', 'order'))).toMatchObject({ priority: 'normal', tags: [] });
    expect(applyRules(rules, facts('Stop the newsletter'))).toMatchObject({ priority: 'low', tags: ['marketing'] });
    expect(applyRules([], facts('Hello'))).toEqual({
      tags: [],
      priority: 'normal',
      assignee: null,
      acknowledge: null,
      matched: [],
    });
  });
});
