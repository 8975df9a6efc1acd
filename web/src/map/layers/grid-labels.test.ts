import { describe, expect, it } from 'vitest'
import { gridLabels, gridSequence } from './grid-labels'

describe('grid labels', () => {
  it('reads the sequence from a 15-digit code only', () => {
    expect(gridSequence('120116001001007')).toBe(7)
    expect(gridSequence('G-7')).toBeNull()
  })
  it('labels each grid inside its polygon, falling back to the name', () => {
    const grid = (code: string) => ({
      type: 'Feature',
      id: 1,
      properties: { code, name: '名字', labelPoint: [1, 1] as [number, number] },
    })
    expect(gridLabels([grid('120116001001012'), grid('x')], (n) => `第${n}网格`)).toEqual([
      { position: [1, 1], text: '第12网格' },
      { position: [1, 1], text: '名字' },
    ])
  })
})
