// Equity and equalization core: pure functions, no I/O.

export * from './catalogue'
export * from './chart-geometry'
export * from './compare-groups'
export * from './compare-rows'
export * from './gini'
export * from './indicators'
export * from './star-rating'
export * from './summary'
export * from './theil'
export * from './two-step-fca'
