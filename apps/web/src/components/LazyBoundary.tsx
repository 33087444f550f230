import { Component, Suspense, type ReactNode } from 'react';
import { ErrorState, Loading } from './States.js';

/**
 * A chunk that fails to load (the server was upgraded and the old file is gone, or the network
 * dropped) would otherwise blank the whole app: show the error with a reload instead.
 */
class ChunkBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    return this.state.error ? <ErrorState error={this.state.error} retry={() => window.location.reload()} /> : this.props.children;
  }
}

/**
 * Wraps a page or panel loaded with React.lazy: a loading state while its code arrives, an error
 * with a reload if it cannot. Lazy loading keeps the initial JS under the size budget (docs/WEB.md).
 */
export function LazyBoundary({ children }: { children: ReactNode }) {
  return (
    <ChunkBoundary>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </ChunkBoundary>
  );
}
