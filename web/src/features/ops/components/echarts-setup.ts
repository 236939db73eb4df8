// ECharts with only what the dashboard draws (bars and lines on a grid, tooltip,
// legend, canvas): echarts/core keeps the rest out of the bundle, and this module is
// imported only by the dashboard's chart component, on demand.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type { EChartsCoreOption } from 'echarts/core';
