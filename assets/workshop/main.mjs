// Starts the workshop tool each page asks for with a data-dk-workshop marker.
const TOOLS = {
  cutter: () => import("./cutter.mjs"),
  "my-cards": () => import("./mycards.mjs"),
  "my-work": () => import("./mywork.mjs"),
};

for (const marker of document.querySelectorAll("[data-dk-workshop]")) {
  const load = TOOLS[marker.dataset.dkWorkshop];
  if (load) load().then((tool) => tool.start(marker, globalThis.debatekitWork));
}
