// One ECharts chart in the page: a labelled image for assistive technology, redrawn when its
// option changes and resized with its box. The text beside it (a table) carries the figures.
import type { EChartsCoreOption } from 'echarts/core'
import { useEffect, useRef } from 'preact/hooks'

interface Props {
  readonly option: EChartsCoreOption
  /** What the chart shows, read out instead of the drawing. */
  readonly label: string
  /** In CSS pixels: the heights styles.css has a class for. */
  readonly height?: 240 | 320 | 420
  readonly name: string
}

export function Chart({ option, label, height = 320, name }: Props) {
  const box = useRef<HTMLDivElement>(null)
  const chart = useRef<{ setOption(o: EChartsCoreOption, notMerge: boolean): void } | null>(null)
  // the option of the latest render, for a chart whose code arrives after the option changed
  const latest = useRef(option)
  latest.current = option
  useEffect(() => {
    let live = true
    let dispose = () => {}
    void import('./echarts-setup.js').then(({ init }) => {
      if (!live || box.current === null) return
      const c = init(box.current, null, { renderer: 'canvas' })
      const resize = new ResizeObserver(() => c.resize())
      resize.observe(box.current)
      chart.current = c
      c.setOption(latest.current, true)
      box.current.dataset.ready = 'true'
      dispose = () => {
        resize.disconnect()
        c.dispose()
      }
    })
    return () => {
      live = false
      chart.current = null
      dispose()
    }
  }, [])
  useEffect(() => chart.current?.setOption(option, true), [option])
  return (
    <div
      ref={box}
      class={`chart chart-${height}`}
      data-chart={name}
      role="img"
      aria-label={label}
    />
  )
}
