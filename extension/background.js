// Background entry point (service worker in Chrome/Edge, event page in Firefox).
import './src/background/main.js';
