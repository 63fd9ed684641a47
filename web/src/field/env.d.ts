/// <reference types="vite-plugin-pwa/vanillajs" />
/** The field app's types from its build: `virtual:pwa-register` (vite-plugin-pwa's registration of field-sw.js). */
export {};
