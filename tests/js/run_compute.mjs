// Runs a widget's pure compute() (and readout(), if exported) on a batch of cases in one process.
// Usage: node run_compute.mjs path/to/widget.js < cases.json > results.json
// cases: [{args: [...compute arguments], sliderMax}]; results: [{result, readout} | {error}].
// Infinity is written as the string "inf", since JSON has no infinity.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

// The widget's source, with the shared lib/ modules it imports (src/debatekit/widgets/package.json
// makes its .js files ES modules).
const widget = await import(pathToFileURL(resolve(process.argv[2])).href);
const cases = JSON.parse(readFileSync(0, "utf8"));
const results = cases.map(({ args, sliderMax = null }) => {
  try {
    const result = widget.compute(...args);
    return widget.readout ? { result, readout: widget.readout(result, sliderMax) } : { result };
  } catch (error) {
    return { error: error.message };
  }
});
process.stdout.write(JSON.stringify(results, (_, v) => (v === Infinity ? "inf" : v)));
