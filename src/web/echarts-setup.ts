// The parts of ECharts the dashboard draws with, registered once; loaded on first use so the
// sign-in page does not wait for them. One renderer (canvas) keeps the chunk small.
import { BarChart, CustomChart, LineChart, SankeyChart, ScatterChart } from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components'
import { init, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

use([
  BarChart,
  CustomChart,
  LineChart,
  SankeyChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  CanvasRenderer,
])

export { init }
