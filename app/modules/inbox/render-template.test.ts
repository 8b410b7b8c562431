import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render-template';

describe('reply templates', () => {
  it('fills known variables, with or without spaces inside the braces', () => {
    expect(
      renderTemplate('Hi {{customer.first_name}}, {{ order.name }} is {{order.fulfillment_status }}.', {
        'customer.first_name': 'Grace',
        'order.name': '#9101',
        'order.fulfillment_status': 'fulfilled',
      }),
    ).toEqual({ text: 'Hi Grace, #9101 is fulfilled.', problems: [] });
  });

  it('leaves unknown and unfilled variables visible and reports each once', () => {
    const rendered = renderTemplate(
      '{{customer.first_name}} {{order.name}} {{ customer.nickname }} {{order.name}} {{shop.name | upcase}}',
      {
        'customer.first_name': '',
        'order.name': null,
      },
    );
    expect(rendered.text).toBe(
      '{{customer.first_name}} {{order.name}} {{ customer.nickname }} {{order.name}} {{shop.name | upcase}}',
    );
    expect(rendered.problems).toEqual([
      { variable: 'customer.first_name', reason: 'missing' },
      { variable: 'order.name', reason: 'missing' },
      { variable: 'customer.nickname', reason: 'unknown' },
      { variable: 'shop.name | upcase', reason: 'unknown' },
    ]);
  });

  it('does not read a value as a template: braces in a filled value stay as they are', () => {
    expect(renderTemplate('Dear {{customer.first_name}}', { 'customer.first_name': '{{shop.name}}' })).toEqual({
      text: 'Dear {{shop.name}}',
      problems: [],
    });
    expect(renderTemplate('A lone {{ brace and }} text', {}).problems).toEqual([
      { variable: 'brace and', reason: 'unknown' },
    ]);
  });
});
