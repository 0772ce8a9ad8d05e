import { describe, expect, it } from 'vitest';
import { samplerRecord, studySampler } from '../../src/study/sampler.ts';
import { parseSettings, resolveSettings, settingsJson } from '../../src/study/settings.ts';

const settingsOf = (json: object) => resolveSettings({}, parseSettings({ dataset: 'mnist', ...json }, 'search.json'));

describe('a study\'s sampler, from its settings', () => {
  it('is the narrowing sampler with its defaults unless the config says otherwise', () => {
    expect(samplerRecord(settingsOf({}))).toEqual({ name: 'narrowing', options: { top: 0.5, minTop: 2, margin: 0.1, minTried: 2, within: 'tpe' } });
    expect(studySampler(settingsOf({ sampler: 'tpe' })).name).toBe('tpe');
  });

  it('fills the narrowing options a config leaves out, and keeps them through study.json', () => {
    const settings = settingsOf({ narrowing: { top: 0.25, within: 'random' } });
    expect(samplerRecord(settings).options).toEqual({ top: 0.25, minTop: 2, margin: 0.1, minTried: 2, within: 'random' });
    const again = resolveSettings({}, parseSettings(settingsJson(settings), 'study.json: config'));
    expect(samplerRecord(again)).toEqual(samplerRecord(settings));
  });

  it('refuses an unknown sampler or narrowing option, naming the field', () => {
    expect(() => settingsOf({ sampler: 'bayes' })).toThrow(/^search\.json: sampler: .*"narrowing".*"random".*"tpe"/);
    expect(() => settingsOf({ narrowing: { within: 'grid' } })).toThrow(/^search\.json: narrowing\.within: /);
  });
});
