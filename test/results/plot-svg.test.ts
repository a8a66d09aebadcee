import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ComparisonRow } from '../../src/results/compare.js';
import { comparisonSvg } from '../../src/results/plot-svg.js';
import type { Technique } from '../../src/sweep/names.js';

function row(technique: Technique, ratio: number): ComparisonRow {
  return {
    scale: 'Edge',
    technique,
    target: 'EDP',
    model: 'VGG16',
    path: `Edge/${technique}/EDP/VGG16`,
    values: [ratio],
    min: String(ratio),
    max: String(ratio),
    median: String(ratio),
    normalised: ratio.toFixed(2),
    ratio,
  };
}

/** Heights of the bars, by technique. */
function barHeights(svg: string): Record<string, number> {
  const bar = /<rect class="bar" [^>]*height="([^"]+)"[^>]*data-technique="([^"]+)"/g;
  return Object.fromEntries([...svg.matchAll(bar)].map((m) => [m[2], Number(m[1])]));
}

describe('comparison chart', () => {
  it('draws a visible Spotlight bar (1.0) when every other technique is worse', () => {
    const techniques: Technique[] = ['Spotlight', 'Eyeriss'];
    const svg = comparisonSvg('Main-Edge', techniques, [row('Spotlight', 1), row('Eyeriss', 3.4)]);
    const heights = barHeights(svg);
    assert.ok(heights.Spotlight > 0, `Spotlight bar height ${heights.Spotlight}`);
    assert.ok(heights.Eyeriss > heights.Spotlight);
    // The axis starts a decade below 1, so 1 is a grid line above the bottom.
    assert.match(svg, />0\.1<\/text>/);
  });

  it('keeps the smallest bar visible when it falls on a whole decade', () => {
    const techniques: Technique[] = ['Spotlight', 'MAERI'];
    const svg = comparisonSvg('Main-Edge', techniques, [row('Spotlight', 1), row('MAERI', 0.1)]);
    assert.ok(barHeights(svg).MAERI > 0);
    assert.match(svg, />0\.01<\/text>/);
  });
});
