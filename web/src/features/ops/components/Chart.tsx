// One chart: ECharts drawn into a box that screen readers read as an image with a
// description (the figures themselves are in the tables beside each chart). ECharts
// is fetched the first time a chart is shown, never with the first screen.
import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from './echarts-setup';

type Instance = { setOption(option: EChartsCoreOption, notMerge?: boolean): void; resize(): void; dispose(): void };

export function Chart({ option, label, height = 280, testId }: { option: EChartsCoreOption; label: string; height?: number; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<Instance | null>(null);

  useEffect(() => {
    let disposed = false;
    const onResize = () => chart.current?.resize();
    void import('./echarts-setup').then(({ echarts }) => {
      if (disposed || !box.current) return;
      chart.current = echarts.init(box.current);
      chart.current.setOption(option, true);
      box.current.dataset.rendered = 'true';
      window.addEventListener('resize', onResize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart.current?.dispose();
      chart.current = null;
    };
    // Made once; later options are set by the effect below.
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={box} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}
