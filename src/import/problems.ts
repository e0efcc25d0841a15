export * from '../pipeline/problems.ts'; // one problems module for CSV and JSON input
