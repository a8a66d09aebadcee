import type { HardwarePoint, HardwareSpaceSpec, IntRange } from './hardware.js';

/** Area and power an accelerator may use; designs over budget are rejected by the search. */
export interface HardwareBudget {
  /** um^2, as the cost model reports area. */
  readonly maxArea: number;
  /** mW, as the cost model reports power. */
  readonly maxPower: number;
}

export type Scale = 'edge' | 'cloud';

export interface HardwareSpaceTemplate {
  readonly scale: Scale;
  readonly spec: HardwareSpaceSpec;
  readonly budget: HardwareBudget;
  /** Invalid samples tolerated before the search gives up (the reference's `--max-invalid`). */
  readonly maxInvalid: number;
}

const single = (value: number): IntRange => ({ low: value, high: value, step: 1 });

const EDGE_BUDGET: HardwareBudget = { maxArea: 4.3841e9, maxPower: 1.34877e5 };
const CLOUD_BUDGET: HardwareBudget = { maxArea: 1.0e15, maxPower: 1.0e15 };

const EDGE: HardwareSpaceTemplate = {
  scale: 'edge',
  spec: {
    simdLanes: { low: 2, high: 16, step: 1 },
    bitWidth: single(8),
    bandwidth: { low: 64, high: 256, step: 1 },
    l0BufferKiB: { low: 32, high: 256, step: 8 },
    l1BufferKiB: { low: 32, high: 256, step: 8 },
    pes: { low: 128, high: 300, step: 1 },
  },
  budget: EDGE_BUDGET,
  maxInvalid: 2500,
};

const CLOUD: HardwareSpaceTemplate = {
  scale: 'cloud',
  spec: {
    ...EDGE.spec,
    l0BufferKiB: { low: 8192, high: 32768, step: 2048 },
    l1BufferKiB: { low: 8192, high: 32768, step: 2048 },
    pes: { low: 2048, high: 16384, step: 256 },
  },
  budget: CLOUD_BUDGET,
  maxInvalid: 1000,
};

/**
 * MAERI-like: one SIMD lane, 8 bits, 64 elements/cycle, fixed buffers (KiB) and PE count.
 * The reference's cloud MAERI run passed these ranges alongside its datacenter template,
 * which overwrote the PE and buffer ranges; here the MAERI ranges hold.
 */
const maeri = (
  base: HardwareSpaceTemplate,
  l0: number,
  l1: number,
  pes: number,
): HardwareSpaceTemplate => ({
  ...base,
  spec: {
    simdLanes: single(1),
    bitWidth: single(8),
    bandwidth: single(64),
    l0BufferKiB: single(l0),
    l1BufferKiB: single(l1),
    pes: single(pes),
  },
});

/**
 * Named hardware spaces. `edge` is the reference's default space, `cloud` its `datacenter`
 * template. The MAERI spaces fix everything but the split of PEs into sub-clusters.
 */
export const HARDWARE_SPACE_TEMPLATES = {
  edge: EDGE,
  cloud: CLOUD,
  maeri_edge: maeri(EDGE, 65, 80, 374),
  maeri_cloud: maeri(CLOUD, 1024, 2048, 14336),
} as const satisfies Record<string, HardwareSpaceTemplate>;

export type HardwareSpaceTemplateName = keyof typeof HARDWARE_SPACE_TEMPLATES;

/** Names also accepted for a template, as the reference spells them. */
const TEMPLATE_ALIASES: Readonly<Record<string, HardwareSpaceTemplateName>> = {
  datacenter: 'cloud',
};

export function hardwareSpaceTemplate(name: string): HardwareSpaceTemplate {
  const resolved = TEMPLATE_ALIASES[name] ?? name;
  if (!Object.hasOwn(HARDWARE_SPACE_TEMPLATES, resolved)) {
    const known = [...Object.keys(HARDWARE_SPACE_TEMPLATES), ...Object.keys(TEMPLATE_ALIASES)];
    throw new RangeError(`unknown hardware space "${name}"; use one of ${known.join(', ')}`);
  }
  return HARDWARE_SPACE_TEMPLATES[resolved as HardwareSpaceTemplateName];
}

/** Partial ranges replacing parts of a template's (e.g. only `pes.high`). */
export type HardwareSpaceOverrides = {
  readonly [K in keyof HardwareSpaceSpec]?: Partial<IntRange>;
};

/**
 * A template's ranges with the given parts replaced. Explicit values always win; the
 * reference instead let `--space-template` overwrite PE and buffer flags given with it.
 */
export function overrideHardwareSpace(
  spec: HardwareSpaceSpec,
  overrides: HardwareSpaceOverrides,
): HardwareSpaceSpec {
  const merged = { ...spec } as Record<keyof HardwareSpaceSpec, IntRange>;
  for (const key of Object.keys(overrides) as (keyof HardwareSpaceSpec)[]) {
    merged[key] = { ...spec[key], ...definedOnly(overrides[key] ?? {}) };
  }
  return merged;
}

function definedOnly(range: Partial<IntRange>): Partial<IntRange> {
  return Object.fromEntries(Object.entries(range).filter(([, value]) => value !== undefined));
}

export interface HardwarePointTemplate {
  readonly scale: Scale;
  readonly point: HardwarePoint;
}

const design = (
  scale: Scale,
  simdLanes: number,
  bitWidth: number,
  bandwidth: number,
  levelBufferBytes: [number, number],
  levelSubClusters: [number, number],
): HardwarePointTemplate => ({
  scale,
  point: { simdLanes, bitWidth, bandwidth, levelBufferBytes, levelSubClusters },
});

/**
 * Fixed accelerators: the hand-designed Eyeriss and NVDLA baselines at both scales, and the
 * designs the reference's own searches found (used to check how well a design tuned for some
 * models serves others). Buffer sizes are bytes, levels innermost first.
 */
export const HARDWARE_POINT_TEMPLATES = {
  eyeriss_edge: design('edge', 1, 16, 256, [16384, 262144], [15, 18]),
  eyeriss_cloud: design('cloud', 1, 16, 256, [16777216, 268435456], [60, 72]),
  nvdla_edge: design('edge', 1, 8, 256, [32768, 524288], [16, 16]),
  nvdla_cloud: design('cloud', 1, 8, 256, [1048576, 16777216], [120, 120]),
  MoRV_delay: design('edge', 16, 8, 231, [122880, 98304], [9, 32]),
  MoRV_edp: design('edge', 16, 8, 244, [237568, 122880], [33, 9]),
  MoRVMnT_edp: design('edge', 16, 8, 185, [57344, 90112], [17, 8]),
  MoRVMnT_delay: design('edge', 16, 8, 128, [40960, 147456], [5, 59]),
  bo_edp_mnasnet: design('edge', 16, 8, 198, [122880, 32768], [14, 21]),
  bo_edp_resnet: design('edge', 16, 8, 206, [81920, 73728], [9, 33]),
  bo_edp_vgg: design('edge', 16, 8, 200, [65536, 73728], [33, 9]),
  bo_edp_mobilenet: design('edge', 15, 8, 239, [139264, 32768], [56, 5]),
  bo_edp_ztransformer: design('edge', 16, 8, 99, [188416, 73728], [299, 1]),
  bo_delay_mnasnet: design('edge', 16, 8, 251, [122880, 147456], [15, 20]),
  bo_delay_resnet: design('edge', 16, 8, 243, [237568, 221184], [17, 16]),
  bo_delay_vgg: design('edge', 16, 8, 245, [81920, 106496], [33, 9]),
  bo_delay_mobilenet: design('edge', 16, 8, 242, [106496, 81920], [34, 7]),
  bo_delay_ztransformer: design('edge', 16, 8, 185, [163840, 212992], [3, 83]),
} as const satisfies Record<string, HardwarePointTemplate>;

export type HardwarePointTemplateName = keyof typeof HARDWARE_POINT_TEMPLATES;

export function isHardwarePointTemplateName(name: string): name is HardwarePointTemplateName {
  return Object.hasOwn(HARDWARE_POINT_TEMPLATES, name);
}
