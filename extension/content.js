// Content-script loader: MV3 content scripts cannot be ES modules, so this classic script imports the module graph.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  import(api.runtime.getURL('src/content/main.js'))
    .then((module) => module.start())
    .catch((error) => console.warn('PostGuard could not start on this page:', error));
})();
