/** `voyager ui`: the HTTP server of the web app and its JSON API. */
export * from './auth.js';
export * from './launcher.js';
export * from './start-ui-server.js';
export * from './ui-app.js';
