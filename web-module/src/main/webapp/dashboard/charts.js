// The overview's charts, drawn with uPlot (a WebJar): throughput and depth per minute.

const COLORS = { created: '#2563eb', fulfilled: '#16a34a', failed: '#dc2626', pending: '#d97706', running: '#7c3aed' };

/**
 * Sums the history's rows (buckets of stepSeconds) over the queues: one point per bucket of the
 * window, gaps 0 for counts and none for depth.
 */
export function perBucket(rows, windowSeconds, stepSeconds) {
  const now = Math.floor(Date.now() / 1000 / stepSeconds) * stepSeconds;
  const start = now - Math.floor(windowSeconds / stepSeconds) * stepSeconds + stepSeconds;
  const minutes = [];
  for (let t = start; t <= now; t += stepSeconds) minutes.push(t);
  const index = new Map(minutes.map((t, i) => [t, i]));
  const series = Object.fromEntries(Object.keys(COLORS).map((name) => [name, minutes.map(() => null)]));
  for (const row of rows) {
    const i = index.get(Math.floor(new Date(row.minute).getTime() / 1000));
    if (i === undefined) continue;
    for (const name of Object.keys(COLORS)) {
      if (row[name] !== null && row[name] !== undefined) series[name][i] = (series[name][i] || 0) + row[name];
    }
  }
  for (const name of ['created', 'fulfilled', 'failed']) series[name] = series[name].map((v) => v || 0);
  return { minutes, series };
}

/** A chart of {@code names} of perBucket's series in {@code element}; update() takes new data. */
export function chart(element, title, names) {
  let plot = null;
  const width = () => Math.max(280, element.clientWidth - 8);
  const resize = () => plot && plot.setSize({ width: width(), height: 220 });
  window.addEventListener('resize', resize);
  return {
    update({ minutes, series }) {
      const data = [minutes, ...names.map((name) => series[name])];
      if (plot) return plot.setData(data);
      plot = new window.uPlot({
        title, width: width(), height: 220,
        scales: { y: { range: (u, min, max) => [0, Math.max(1, max)] } },
        series: [{}, ...names.map((name) => ({ label: name, stroke: COLORS[name], width: 2, spanGaps: false }))],
        axes: [{}, { size: 50 }],
      }, data, element);
    },
    stop() { window.removeEventListener('resize', resize); },
  };
}
