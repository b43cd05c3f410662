// The weighted-sum model of a trade-off matrix, the one JavaScript copy: scores, ranks, tipping
// points, Pareto dominance and the readout. It repeats debatekit.models.tradeoff step for step, summing in
// the same order, so Node tests hold it to the Python model; the trade-off widget and the weighing
// questions import it (esbuild bundles it into each widget's dist/ file).

export const TIE_TOLERANCE = 1e-12;

// Whether score a is higher than b by more than the tie tolerance.
function beats(a, b) {
  return a - b > TIE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

function checked(scores, weights, directions) {
  const { options, criteria, values } = scores;
  if (!options.length || !criteria.length) throw new Error("empty matrix: it needs at least one option and one criterion");
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      if (typeof v !== "number" || Number.isNaN(v) || v < 0 || v > 10) {
        throw new Error(`score of option '${options[i]}' on criterion '${criteria[j]}' is ${v}; give a number from 0 to 10`);
      }
    }),
  );
  const w = criteria.map((c) => {
    const x = weights[c];
    if (typeof x !== "number" || !Number.isFinite(x) || x < 0) throw new Error(`weight for criterion '${c}' is ${x}; give a number ≥ 0`);
    return x;
  });
  if (!w.some((x) => x !== 0)) throw new Error("all weights are zero; give at least one criterion a positive weight");
  return { options, criteria, g: adjusted(values, criteria, directions), w };
}

// Direction-adjusted scores: a cost criterion counts as 10 − score.
function adjusted(values, criteria, directions) {
  return values.map((row) => row.map((v, j) => ((directions || {})[criteria[j]] === "cost" ? 10 - v : v)));
}

// Sums run left to right, exactly as in debatekit.models.tradeoff, so both give bit-identical results.
function weightedMeans(g, w) {
  let total = 0;
  for (const x of w) total += x;
  return g.map((row) => {
    let acc = 0;
    for (let i = 0; i < w.length; i++) acc += w[i] * row[i];
    return acc / total;
  });
}

function ranksOf(values) {
  return values.map((v) => 1 + values.filter((other) => beats(other, v)).length);
}

// [lo, hi] of weight k over which option `top` stays ranked 1, and who overtakes beyond each end.
// Others fixed, option j's weighted sum is the line A_j + t·g_jk; the top changes where lines cross.
function criterionInterval(g, w, k, top) {
  const t0 = w[k];
  let others = 0;
  for (let i = 0; i < w.length; i++) if (i !== k) others += w[i];
  if (others === 0) return { lo: 0, hi: Infinity, loOpt: null, hiOpt: null };
  const sums = g.map((row) => {
    let acc = 0;
    for (let i = 0; i < w.length; i++) if (i !== k) acc += w[i] * row[i];
    return acc;
  });
  let hi = Infinity, hiOpt = null, hiSlope = 0;
  let lo = -Infinity, loOpt = null, loSlope = 0;
  g.forEach((row, j) => {
    const slope = row[k] - g[top][k];
    if (j === top || slope === 0) return;
    const cross = (sums[top] - sums[j]) / slope;
    if (slope > 0) {
      if (hiOpt === null || beats(hi, cross) || (!beats(cross, hi) && slope > hiSlope)) [hi, hiOpt, hiSlope] = [cross, j, slope];
    } else if (loOpt === null || beats(cross, lo) || (!beats(lo, cross) && slope < loSlope)) {
      [lo, loOpt, loSlope] = [cross, j, slope];
    }
  });
  hi = Math.max(hi, t0);
  lo = Math.min(lo, t0);
  if (lo < 0 || !beats(lo, 0)) [lo, loOpt] = [0, null];
  return { lo, hi, loOpt, hiOpt };
}

// Scores, ranks, tipping points and Pareto dominance for one weighting (see debatekit.models.tradeoff).
// scores = {options, criteria, values: [[0–10 per criterion] per option]}; weights and
// directions map criterion → number and → "benefit" | "cost". Throws Error on bad input.
export function compute(scores, weights, directions) {
  const { options, criteria, g, w } = checked(scores, weights, directions);
  const means = weightedMeans(g, w);
  const ranks = ranksOf(means);
  const top = ranks.indexOf(1);
  const tipping = [];
  let change = null;
  criteria.forEach((criterion, k) => {
    const { lo, hi, loOpt, hiOpt } = criterionInterval(g, w, k, top);
    tipping.push({
      criterion, weight: w[k], lo, hi,
      overtakerBelow: loOpt === null ? null : options[loOpt],
      overtakerAbove: hiOpt === null ? null : options[hiOpt],
    });
    for (const [direction, opt, threshold] of [["raise", hiOpt, hi], ["lower", loOpt, lo]]) {
      const delta = Math.abs(threshold - w[k]);
      if (opt !== null && (change === null || delta < change.delta)) {
        change = { criterion, direction, weight: w[k], threshold, delta, overtaker: options[opt] };
      }
    }
  });
  const dominatedBy = {};
  options.forEach((option, i) => {
    dominatedBy[option] = options.filter(
      (_, j) => j !== i && g[j].every((a, c) => a >= g[i][c]) && g[j].some((a, c) => a > g[i][c]),
    );
  });
  return {
    options, scores: means, ranks, top: options[top],
    tied: options.filter((_, i) => ranks[i] === 1),
    tipping, change, dominatedBy,
    pareto: options.filter((o) => dominatedBy[o].length === 0),
  };
}

// A weight to at most two decimals, trailing zeros dropped (Python: tradeoff.format_weight).
export function formatWeight(x) {
  return x.toFixed(2).replace(/\.?0+$/, "");
}

function joinNames(names) {
  const starred = names.map((n) => `*${n}*`);
  return starred.length === 1 ? starred[0] : `${starred.slice(0, -1).join(", ")} and ${starred.at(-1)}`;
}

// One sentence on what would change the top option (Python: tradeoff.readout).
export function readout(result, sliderMax = null) {
  const lead = result.tied.length > 1 ? `${joinNames(result.tied)} share the top` : "";
  const c = result.change;
  if (c === null) {
    return lead
      ? `${lead}; no single weight change puts another option above *${result.top}*.`
      : `*${result.top}* stays on top whatever single weight you change.`;
  }
  const word = c.direction === "raise" ? "above" : "below";
  let sentence = `${c.direction} *${c.criterion}* ${word} ${formatWeight(c.threshold)} and *${c.overtaker}* overtakes *${result.top}*`;
  if (sliderMax !== null && c.threshold > sliderMax) sentence += ` (beyond the slider's range of 0–${formatWeight(sliderMax)})`;
  return lead ? `${lead}; ${sentence}.` : `${sentence[0].toUpperCase()}${sentence.slice(1)}.`;
}

// Every option's score and rank under `weights`, best first (ties by matrix order), for a weighing
// question: matrix = {options, criteria, values, directions}. The caller checks the weights.
export function rankOptions(matrix, weights) {
  const g = adjusted(matrix.values, matrix.criteria, matrix.directions);
  const scores = weightedMeans(g, matrix.criteria.map((c) => weights[c]));
  const ranks = ranksOf(scores);
  return matrix.options
    .map((option, index) => ({ option, score: scores[index], rank: ranks[index], index }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index);
}
