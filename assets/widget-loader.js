// Mounts the page's anywidgets from the widget state MyST-NB saved in the page, with no kernel and
// no widget manager: each model's _esm is imported as a module, its _css added once, and its
// default export's initialize({model}) and render({model, el, signal}) called with a small model
// object (get, set, on, off, save_changes, send) as anywidget's own front end provides one.
// Changes stay in the page (there is no kernel to save them to). A page whose views include a
// widget that is not an anywidget (an ipywidgets slider, say) is handed whole to
// @jupyter-widgets/html-manager instead: require.js, widget-paths.js and embed-amd.js are loaded
// from _static then, and on no other page. MyST-NB adds this script, deferred, to every page that
// carries widget state (nb_ipywidgets_js in _config.yml), so the views are parsed when it runs.
(() => {
  const STATE = 'script[type="application/vnd.jupyter.widget-state+json"]';
  const VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]';
  const base = (document.currentScript?.src || "").replace(/[^/]*$/, "");

  const isAnywidget = (entry) => entry?.model_module === "anywidget" && typeof entry.state._esm === "string";

  function equal(a, b) {
    if (a === b) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
  }

  // Binary traits are saved base64-encoded beside the state, each at a path into it.
  function withBuffers(state, buffers = []) {
    for (const { path, data } of buffers) {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const parent = path.slice(0, -1).reduce((obj, key) => obj[key], state);
      parent[path[path.length - 1]] = new DataView(bytes.buffer);
    }
    return state;
  }

  // A model as anywidget's render API sees it. Events are Backbone's, as in Jupyter: set() fires
  // "change:NAME" (model, value) for each trait whose value changed, then "change" (model) once.
  class Model {
    constructor(id, state) {
      this.id = id;
      this.attributes = state;
      this.listeners = [];
    }
    get(name) {
      return this.attributes[name];
    }
    set(name, value) {
      const changes = typeof name === "object" && name !== null ? name : { [name]: value };
      const changed = Object.keys(changes).filter((k) => !equal(this.attributes[k], changes[k]));
      for (const k of changed) this.attributes[k] = changes[k];
      for (const k of changed) this.trigger(`change:${k}`, this, changes[k]);
      if (changed.length) this.trigger("change", this);
    }
    trigger(event, ...args) {
      for (const l of this.listeners.filter((x) => x.event === event)) l.callback(...args);
    }
    // As in Backbone, `events` may name several, separated by spaces ("change:a change:b").
    on(events, callback, owner) {
      for (const event of events.split(/\s+/).filter(Boolean)) this.listeners.push({ event, callback, owner });
    }
    off(events, callback, owner) {
      const names = events == null ? null : events.split(/\s+/);
      const match = (l) => (names == null || names.includes(l.event)) && (callback == null || l.callback === callback)
        && (owner == null || l.owner === owner);
      this.listeners = this.listeners.filter((l) => !match(l));
    }
    // What initialize() and each render() are handed: the listeners it adds belong to `owner`.
    proxy(owner) {
      return {
        get: (name) => this.get(name),
        set: (name, value) => this.set(name, value),
        on: (event, callback) => this.on(event, callback, owner),
        off: (event, callback) => this.off(event ?? null, callback ?? null, owner),
        save_changes: () => {},  // no kernel: the change stays in the page
        send: () => {},  // no kernel to hear a custom message
      };
    }
  }

  const modules = new Map();
  function loadWidget(esm) {
    if (!modules.has(esm)) {
      const href = /^https?:\/\//.test(esm);
      const url = href ? esm : URL.createObjectURL(new Blob([esm], { type: "text/javascript" }));
      modules.set(esm, import(url).then(async (mod) => {
        if (!href) URL.revokeObjectURL(url);
        if (!mod.default && mod.render) return { render: mod.render };  // anywidget's pre-0.9 export
        const widget = typeof mod.default === "function" ? await mod.default() : mod.default;
        if (typeof widget?.render !== "function") throw new Error("its module's default export has no render()");
        return widget;
      }));
    }
    return modules.get(esm);
  }

  function addCss(css, id) {
    if (!css || document.querySelector(`style[data-anywidget-id="${CSS.escape(id)}"]`)) return;
    const style = document.createElement("style");
    style.dataset.anywidgetId = id;
    style.textContent = css;
    document.head.append(style);
  }

  // The widget's layout traits (an ipywidgets LayoutModel) as inline styles, as html-manager sets them.
  function applyLayout(el, layout = {}) {
    for (const [key, value] of Object.entries(layout)) {
      if (!key.startsWith("_") && value != null && typeof value !== "object") {
        el.style.setProperty(key.replaceAll("_", "-"), value);
      }
    }
  }

  // Draw one view in a new element just before its view script, where html-manager puts it.
  async function mount(view, model, entries) {
    const area = Object.assign(document.createElement("div"), { className: "widget-subarea" });
    const el = document.createElement("div");
    el.classList.add("dk-anywidget", ...(model.get("_dom_classes") || []));
    const layout = /^IPY_MODEL_/.test(model.get("layout")) && entries[model.get("layout").slice(10)];
    applyLayout(el, layout ? layout.state : {});
    area.append(el);
    view.before(area);
    const name = model.get("_anywidget_id") || model.id;
    addCss(model.get("_css"), name);
    model.ready ??= loadWidget(model.get("_esm")).then(async (widget) => {
      await widget.initialize?.({ model: model.proxy(model) });
      return widget;
    });
    const controller = new AbortController();
    try {
      const widget = await model.ready;
      const cleanup = await widget.render({ model: model.proxy(el), el, signal: controller.signal });
      return {
        el,
        dispose() {
          controller.abort();
          model.off(null, null, el);
          if (typeof cleanup === "function") cleanup();
          area.remove();
        },
      };
    } catch (error) {
      console.error(`debatekit: widget ${name} (model ${model.id}) could not be drawn: ${error?.message ?? error}`);
      return null;
    }
  }

  function loadScript(src, attributes = {}) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      for (const [k, v] of Object.entries(attributes)) script.setAttribute(k, v);
      script.src = base + src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`could not load ${script.src}`));
      document.head.append(script);
    });
  }

  // Every widget view of the page: drawn here, or all by html-manager if one is not an anywidget.
  function mountAll() {
    const entries = {};
    for (const tag of document.querySelectorAll(STATE)) Object.assign(entries, JSON.parse(tag.textContent).state);
    const views = [...document.querySelectorAll(VIEW)]
      .map((tag) => ({ tag, id: JSON.parse(tag.textContent).model_id }))
      .filter((v) => entries[v.id] && v.tag.parentElement);
    if (!views.every((v) => isAnywidget(entries[v.id]))) {
      const done = loadScript("npm/require.js")
        .then(() => loadScript("widget-paths.js"))
        .then(() => loadScript("npm/html-manager/embed-amd.js", { "data-jupyter-widgets-cdn": "./no-cdn/" }))
        .catch((error) => console.error(`debatekit: ${error.message}`));
      return { manager: "html-manager", views: done };
    }
    const models = {};
    for (const { id } of views) {
      models[id] ??= new Model(id, withBuffers({ ...entries[id].state }, entries[id].buffers));
    }
    return { manager: "debatekit", models, views: mountInTurn(views, models, entries) };
  }

  // One view after another in page order, giving the browser a turn between them: the first widget
  // takes input while the page's later ones are still being drawn.
  async function mountInTurn(views, models, entries) {
    const mounted = [];
    for (const v of views) {
      mounted.push(await mount(v.tag, models[v.id], entries));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return mounted;
  }

  // For tests and for anyone debugging a page: which manager drew it, the models and the views.
  window.debatekitWidgets = mountAll();
})();
