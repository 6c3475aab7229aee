// Lit's whole runtime, as the benchmark's yardstick for the embed bundle.
export * from 'lit';
