// The explorer's one HTML page: it loads the bundle, which fetches its configuration and renders.
import { EXPLORER_ASSETS } from './bundle.ts';

export function renderExplorerPage(): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>GraphQL explorer · local AppSync</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="/${EXPLORER_ASSETS.stylesheet}">
  </head>
  <body>
    <div id="root"><p class="explorer-loading">Loading the GraphQL explorer…</p></div>
    <noscript>The GraphQL explorer needs JavaScript.</noscript>
    <script src="/${EXPLORER_ASSETS.script}" defer></script>
  </body>
</html>
`;
}
