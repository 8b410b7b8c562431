/** The search snippet and the length guide, on known texts. */
import { describe, expect, it } from 'vitest';
import { characterCount, lengthTone, listingTooLong } from './limits';
import { cutAt, searchSnippet } from './snippet';

const source = {
  productTitle: 'Merino Crew Sweater',
  seoTitle: '',
  seoDescription: '',
  descriptionText: 'Soft merino wool, knitted in Portugal.',
  host: 'maplethread.example',
  handle: 'merino-crew-sweater',
};

describe('lengthTone', () => {
  it('is empty, ok, warning in the last ten characters before the guide, critical past it', () => {
    expect(lengthTone('seoTitle', '   ')).toBe('empty');
    expect(lengthTone('seoTitle', 'a'.repeat(60))).toBe('ok');
    expect(lengthTone('seoTitle', 'a'.repeat(61))).toBe('warning');
    expect(lengthTone('seoTitle', 'a'.repeat(70))).toBe('warning');
    expect(lengthTone('seoTitle', 'a'.repeat(71))).toBe('critical');
    expect(lengthTone('seoDescription', 'a'.repeat(150))).toBe('ok');
    expect(lengthTone('seoDescription', 'a'.repeat(160))).toBe('warning');
    expect(lengthTone('seoDescription', 'a'.repeat(161))).toBe('critical');
    expect(lengthTone('alt', 'a'.repeat(126))).toBe('critical');
  });

  it('counts characters, not UTF-16 units: an emoji is one', () => {
    expect(characterCount('☕️🧶')).toBe(3); // coffee, variation selector, yarn
    expect(characterCount('é')).toBe(1);
    expect(lengthTone('seoTitle', '🧶'.repeat(70))).toBe('warning');
  });

  it('calls a listing too long when either text passes its guide', () => {
    expect(listingTooLong(null, null)).toBe(false);
    expect(listingTooLong('a'.repeat(70), 'b'.repeat(160))).toBe(false);
    expect(listingTooLong('a'.repeat(71), null)).toBe(true);
    expect(listingTooLong(null, 'b'.repeat(161))).toBe(true);
  });
});

describe('cutAt', () => {
  it('keeps a text that fits, squashing its white space', () => {
    expect(cutAt('  Soft   merino\nwool ', 70)).toEqual({ text: 'Soft merino wool', cut: false });
  });

  it('cuts on the last word boundary before the limit, with an ellipsis, within the limit', () => {
    const text = 'The warmest merino crew sweater you will ever own, knitted slowly in a family mill in Portugal';
    const { text: cut, cut: wasCut } = cutAt(text, 70);
    expect(wasCut).toBe(true);
    expect(cut).toBe('The warmest merino crew sweater you will ever own, knitted slowly in…');
    expect([...cut].length).toBeLessThanOrEqual(70);
  });

  it('drops punctuation left dangling before the ellipsis', () => {
    expect(cutAt('Wool, cotton, linen, silk, hemp', 22).text).toBe('Wool, cotton, linen…');
  });

  it('cuts inside a word only when no space is near', () => {
    expect(cutAt('a'.repeat(100), 10).text).toBe(`${'a'.repeat(9)}…`);
  });
});

describe('searchSnippet', () => {
  it('falls back to the product title and description, as Shopify does', () => {
    expect(searchSnippet(source)).toEqual({
      title: 'Merino Crew Sweater',
      breadcrumb: 'maplethread.example › products › merino-crew-sweater',
      description: 'Soft merino wool, knitted in Portugal.',
      titleCut: false,
      descriptionCut: false,
      titleFallback: true,
      descriptionFallback: true,
    });
  });

  it('shows the SEO fields, cut at 70 and 160 characters', () => {
    const snippet = searchSnippet({
      ...source,
      seoTitle: 'Merino crew sweater — warm, soft and made to last for years of winters outdoors',
      seoDescription: `${'Knitted from fine merino. '.repeat(8)}`,
    });
    expect(snippet.titleFallback).toBe(false);
    expect(snippet.titleCut).toBe(true);
    expect([...snippet.title].length).toBeLessThanOrEqual(70);
    expect(snippet.title.endsWith('…')).toBe(true);
    expect(snippet.descriptionCut).toBe(true);
    expect([...snippet.description].length).toBeLessThanOrEqual(160);
  });
});
