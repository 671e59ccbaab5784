import { GraphiQL } from 'graphiql';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ExplorerConfig } from '../config.ts';
import { AuthBar } from './AuthBar.tsx';
import type { AuthMode } from './AuthModeSwitch.tsx';
import { DEFAULT_QUERY } from './defaultQuery.ts';
import { createExplorerFetcher } from './fetcher.ts';
import { createUserPoolSignIn, type SignedInUser } from './userPool.ts';

export function Explorer({ config }: { config: ExplorerConfig }) {
  const userPool = useMemo(() => createUserPoolSignIn(config), [config]);
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
        realtimeUrl: config.realtimeUrl,
        authHeaders:
          mode === 'apiKey'
            ? () => Promise.resolve({ 'x-api-key': config.apiKey })
            : async () => ({ authorization: await userPool.idToken() }),
      }),
    [config, mode, userPool],
  );

  return (
    <div className="explorer">
      <AuthBar config={config} mode={mode} user={user} onModeChange={setMode} signIn={signIn} signOut={signOut} />
      <main className="explorer-graphiql">
        <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} shouldPersistHeaders={false} />
      </main>
    </div>
  );
}
