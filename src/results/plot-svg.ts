/**
 * The comparison as an SVG bar chart in the manner of the paper's figures: one panel per
 * target, models along the x axis, one bar per technique, the median normalised to Spotlight
 * on a log scale (so 2x worse and 2x better are the same distance from 1). Hand-written SVG:
 * no dependency, and the file diffs cleanly in tests.
 */

import { TARGETS, type ModelName, type Technique } from '../sweep/names.js';
import type { Comparison, ComparisonRow } from './compare.js';

/** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442'];

const BAR_WIDTH = 18;
const GROUP_GAP = 24;
const PANEL_HEIGHT = 220;
const MARGIN = { left: 64, right: 16, top: 62, bottom: 44 };
const PANEL_GAP = 56;
const LEGEND_ROW_HEIGHT = 18;
const MIN_WIDTH = 420;
/** Rough width of one legend character at 11 px; SVG cannot measure text. */
const CHAR_WIDTH = 7;

export function comparisonSvg(
  comparison: Comparison,
  techniques: readonly Technique[],
  rows: readonly ComparisonRow[],
): string {
  const plotted = rows.filter((row) => row.ratio !== undefined && row.ratio > 0);
  const models = unique(rows.map((row) => row.model));
  const groupWidth = techniques.length * BAR_WIDTH + GROUP_GAP;
  const plotWidth = Math.max(models.length, 1) * groupWidth;
  const width = Math.max(MIN_WIDTH, MARGIN.left + plotWidth + MARGIN.right);
  const legendRows = legendLayout(techniques, MARGIN.left, width - MARGIN.right);
  const legendHeight = (Math.max(...legendRows.map((item) => item.row)) + 1) * LEGEND_ROW_HEIGHT;
  const height =
    MARGIN.top + legendHeight + TARGETS.length * PANEL_HEIGHT +
    (TARGETS.length - 1) * PANEL_GAP + MARGIN.bottom;

  // One log axis for both panels, whole decades, always including 1 (Spotlight). Bars rise from
  // the bottom, so it lies a decade below the smallest ratio that sits on a whole decade (1.0
  // included): otherwise that bar would have no height.
  const ratios = plotted.map((row) => row.ratio as number);
  const lowDecade = Math.ceil(Math.log10(Math.min(...ratios, 1))) - 1;
  const highDecade = Math.max(0, Math.ceil(Math.log10(Math.max(...ratios, 1))));

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
  );
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  parts.push(
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">` +
      `${escapeXml(comparison)}</text>`,
  );
  parts.push(
    `<text x="${width / 2}" y="34" text-anchor="middle">` +
      'median normalised to Spotlight, log scale, lower is better</text>',
  );
  parts.push(legend(techniques, legendRows, MARGIN.top - 10));

  TARGETS.forEach((target, panelIndex) => {
    const top = MARGIN.top + legendHeight + panelIndex * (PANEL_HEIGHT + PANEL_GAP);
    const y = (ratio: number): number =>
      top + PANEL_HEIGHT * (1 - (Math.log10(ratio) - lowDecade) / (highDecade - lowDecade));
    const bottom = top + PANEL_HEIGHT;
    parts.push(`<g class="panel" data-target="${target}">`);
    parts.push(
      `<text x="${MARGIN.left}" y="${top - 6}" font-weight="bold">${escapeXml(target)}</text>`,
    );

    // Decade grid lines and labels; the line at 1 is Spotlight's level.
    for (let decade = lowDecade; decade <= highDecade; decade += 1) {
      const at = round(y(10 ** decade));
      const stroke = decade === 0 ? '#333' : '#ddd';
      parts.push(
        `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${at}" y2="${at}" ` +
          `stroke="${stroke}"/>`,
      );
      parts.push(
        `<text x="${MARGIN.left - 6}" y="${at + 4}" text-anchor="end">` +
          `${decadeLabel(decade)}</text>`,
      );
    }

    models.forEach((model, groupIndex) => {
      const groupLeft = MARGIN.left + groupIndex * groupWidth + GROUP_GAP / 2;
      techniques.forEach((technique, barIndex) => {
        const row = plotted.find(
          (r) => r.target === target && r.model === model && r.technique === technique,
        );
        if (row === undefined) return;
        const ratio = row.ratio as number;
        const barTop = round(y(ratio));
        const x = groupLeft + barIndex * BAR_WIDTH;
        parts.push(
          `<rect class="bar" x="${x}" y="${barTop}" width="${BAR_WIDTH - 2}" ` +
            `height="${round(bottom - barTop)}" fill="${colour(techniques, technique)}" ` +
            `data-technique="${escapeXml(technique)}" data-model="${model}" ` +
            `data-ratio="${row.normalised}"><title>${escapeXml(row.path)}: ` +
            `${row.normalised}x Spotlight (median ${row.median})</title></rect>`,
        );
      });
      parts.push(
        `<text x="${groupLeft + (techniques.length * BAR_WIDTH) / 2}" y="${bottom + 16}" ` +
          `text-anchor="middle">${escapeXml(model)}</text>`,
      );
    });
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${top}" y2="${bottom}" stroke="#333"/>`,
    );
    parts.push('</g>');
  });

  if (plotted.length === 0) {
    parts.push(
      `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" fill="#a00">` +
        'no results with a Spotlight median to normalise to</text>',
    );
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

interface LegendItem {
  readonly technique: Technique;
  readonly x: number;
  readonly row: number;
}

/** Legend entries left to right, wrapping to a new row at the right edge. */
function legendLayout(techniques: readonly Technique[], left: number, right: number): LegendItem[] {
  const items: LegendItem[] = [];
  let x = left;
  let row = 0;
  for (const technique of techniques) {
    const itemWidth = 14 + technique.length * CHAR_WIDTH + 12;
    if (x + itemWidth > right && x > left) {
      x = left;
      row += 1;
    }
    items.push({ technique, x, row });
    x += itemWidth;
  }
  return items;
}

function legend(
  techniques: readonly Technique[],
  items: readonly LegendItem[],
  top: number,
): string {
  const parts: string[] = [];
  for (const { technique, x, row } of items) {
    const baseline = top + row * LEGEND_ROW_HEIGHT;
    parts.push(
      `<rect x="${x}" y="${baseline - 9}" width="10" height="10" ` +
        `fill="${colour(techniques, technique)}"/>`,
    );
    parts.push(`<text x="${x + 14}" y="${baseline}">${escapeXml(technique)}</text>`);
  }
  return `<g class="legend">\n${parts.join('\n')}\n</g>`;
}

function colour(techniques: readonly Technique[], technique: Technique): string {
  return PALETTE[techniques.indexOf(technique) % PALETTE.length];
}

function decadeLabel(decade: number): string {
  if (decade >= 0 && decade <= 3) return String(10 ** decade);
  if (decade < 0 && decade >= -3) return (10 ** decade).toFixed(-decade);
  return `1e${decade}`;
}

function unique(models: readonly ModelName[]): ModelName[] {
  return [...new Set(models)];
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
