// Placeholder until the metrics land; replaced by the metrics module.
export {};
