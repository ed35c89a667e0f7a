import { describe, expect, it } from 'vitest';
import { readTemplateForm } from '../../../renderer/src/components/settings/template-form.js';

describe('template form', () => {
  it('trims the name and keeps non-empty item lines in order', () => {
    expect(readTemplateForm('  Ladder check ', ' Feet intact \n\n Rungs tight\n')).toEqual({
      ok: true,
      name: 'Ladder check',
      items: ['Feet intact', 'Rungs tight'],
    });
  });

  it('says what is missing', () => {
    expect(readTemplateForm('  ', 'a')).toEqual({ ok: false, error: 'Give the checklist a name.' });
    expect(readTemplateForm('Ladder', ' \n \n')).toEqual({ ok: false, error: 'Add at least one item, one per line.' });
  });
});
