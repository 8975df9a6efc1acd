export * from './common'
export * from './resources'
export * from './equity'
export * from './wall'
