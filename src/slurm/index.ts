/** Running a sweep on a SLURM cluster: submit its configurations, and report their state. */

export {
  submitSweep,
  defaultProgram,
  formatSubmission,
  type SubmitOptions,
  type SubmitOutcome,
} from './submit.js';
export { resultsComplete } from './results-probe.js';
export {
  sweepStatus,
  formatStatus,
  type StatusOptions,
  type ConfigurationStatus,
} from './status.js';
export { SlurmError, type SlurmErrorCode } from './errors.js';
export {
  defaultTimeLimit,
  parseTimeLimit,
  EDGE_TIME_LIMIT,
  CLOUD_TIME_LIMIT,
  FIXED_HARDWARE_TIME_LIMIT,
  TIME_FORMATS,
} from './time-limit.js';
export { slurmLayout, type SlurmLayout } from './layout.js';
export {
  configurationKey,
  type ArgvBuilder,
  type CompletionProbe,
  type ConfigurationState,
  type SlurmConfiguration,
  type SlurmLogger,
} from './types.js';
