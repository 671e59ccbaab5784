import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ExplorerConfig } from '../config.ts';
import { AuthBar } from './AuthBar.tsx';
import type { AuthMode } from './AuthModeSwitch.tsx';
import { DEFAULT_QUERY } from './defaultQuery.ts';
import { createExplorerFetcher } from './fetcher.ts';
import { onPageOrigin } from './pageOrigin.ts';
import { createRealtimeTransport } from './realtimeTransport.ts';
import { createUserPoolSignIn, type SignedInUser } from './userPool.ts';

type TabState = Parameters<NonNullable<GraphiQLProps['onTabChange']>>[0];

export function Explorer({ config: served }: { config: ExplorerConfig }) {
  const config = useMemo(() => onPageOrigin(served, window.location), [served]);
  const userPool = useMemo(() => createUserPoolSignIn(config), [config]);
  const realtime = useMemo(
    () => createRealtimeTransport({ realtimeUrl: config.realtimeUrl, graphqlUrl: config.graphqlUrl }),
    [config],
  );
  const [user, setUser] = useState<SignedInUser | null>(null);
  const [mode, setMode] = useState<AuthMode>('apiKey');

  useEffect(() => {
    let current = true;
    userPool.restore().then(
      (restored) => {
        if (current && restored) {
          setUser(restored);
          setMode('userPool');
        }
      },
      () => undefined, // no usable session left: stay signed out
    );
    return () => {
      current = false;
    };
  }, [userPool]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      setUser(await userPool.signIn(username, password));
      setMode('userPool');
    },
    [userPool],
  );

  const signOut = useCallback(() => {
    userPool.signOut();
    setUser(null);
    setMode('apiKey');
  }, [userPool]);

  const fetcher = useMemo(
    () =>
      createExplorerFetcher({
        graphqlUrl: config.graphqlUrl,
        authHeaders:
          mode === 'apiKey'
            ? () => Promise.resolve({ 'x-api-key': config.apiKey })
            : async () => ({ authorization: await userPool.idToken() }),
        subscribe: realtime.subscribe,
      }),
    [config, mode, userPool, realtime],
  );

  // A running subscription keeps the auth it started with: it stops when the user or the mode changes.
  useEffect(() => () => realtime.stopAll(), [realtime, mode, user]);

  // … and when another tab is shown, whose result pane it would otherwise write into (a tab
  // moved in the row is still the tab shown).
  const shownTab = useRef<string | undefined>(undefined);
  const onTabChange = useCallback(
    (tabs: TabState) => {
      const shown = tabs.tabs[tabs.activeTabIndex]?.id;
      if (shownTab.current === undefined || shown !== shownTab.current) realtime.stopAll();
      shownTab.current = shown;
    },
    [realtime],
  );

  return (
    <div className="explorer">
      <AuthBar config={config} mode={mode} user={user} onModeChange={setMode} signIn={signIn} signOut={signOut} />
      <main className="explorer-graphiql">
        <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} shouldPersistHeaders={false} onTabChange={onTabChange} />
      </main>
    </div>
  );
}
