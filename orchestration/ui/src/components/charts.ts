import {
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';

// chart.js is tree-shaken: register what the pages use, once.
Chart.register(CategoryScale, LinearScale, BarElement, LineElement, PointElement, Tooltip, Legend, Filler);
Chart.register(MatrixController, MatrixElement);

/** A palette readable on white (WCAG AA against #fff for text-sized marks). */
export const PALETTE = [
  '#1d4ed8',
  '#b45309',
  '#047857',
  '#7c3aed',
  '#be123c',
  '#0e7490',
  '#4d7c0f',
  '#9d174d',
];

/** Common options: responsive, no animation (screenshots and tests see the final state). */
export const BASE_OPTIONS = { responsive: true, maintainAspectRatio: false, animation: false } as const;
