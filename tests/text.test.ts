// Phrases a line may break between, for each language BudouX has a model of.
import { describe, expect, it } from 'vitest';
import { phrases, wrapPhrases } from '../src/model/text.ts';

describe('phrases', () => {
  it('breaks Japanese, Simplified and Traditional Chinese into phrases, and other text at spaces', () => {
    expect(phrases('日米両国は共通の利益を追求する。', 'ja').length).toBeGreaterThan(2);
    const hans = phrases('根据需求改用小型车辆和预约运行。', 'zh');
    expect(hans.length).toBeGreaterThan(2);
    expect(hans.join('')).toBe('根据需求改用小型车辆和预约运行。');
    const hant = phrases('根據需求改用小型車輛和預約運行。', 'zh-Hant');
    expect(hant.length).toBeGreaterThan(2);
    expect(hant.join('')).toBe('根據需求改用小型車輛和預約運行。');
    expect(phrases('Publish every revision', 'en')).toEqual(['Publish ', 'every ', 'revision']);
  });

  it('wraps Chinese between phrases, not as one unbreakable run', () => {
    expect(wrapPhrases('根据需求改用小型车辆和预约运行，由地方政府主导统一规划整个区域的线路网络。', 'zh', 12).length).toBeGreaterThan(2);
  });
});
