import 'graphiql/graphiql.css';
import './explorer.css';
import { createRoot } from 'react-dom/client';
import { Explorer } from './Explorer.tsx';
import { loadExplorerConfig } from './loadConfig.ts';

const container = document.getElementById('root');
if (!container) throw new Error('The explorer page has no #root element.');
const root = createRoot(container);

loadExplorerConfig().then(
  (config) => root.render(<Explorer config={config} />),
  (error: unknown) =>
    root.render(
      <p className="explorer-error" role="alert">
        The explorer could not read its configuration: {error instanceof Error ? error.message : String(error)}
      </p>,
    ),
);
