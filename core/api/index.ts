export * from './common'
export * from './resources'
