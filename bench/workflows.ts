/** The product's workflows with the benchmarks' baseline beside them: what a benchmark's worker bundles. */
export * from '../workflows';
export { bareWorkflow } from './bare-workflow';
