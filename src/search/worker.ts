import { searchLayer, type LayerSearchTask, type LayerSearchResult } from './layer-search.js';

/** Piscina entry point: one layer's schedule search per task. */
export default function runLayerSearch(task: LayerSearchTask): LayerSearchResult {
  return searchLayer(task);
}
