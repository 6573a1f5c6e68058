import { useEffect, useState } from 'preact/hooks';
import type { FeedSnapshot, LiveFeed } from './live-feed';

export function useFeed<T>(feed: LiveFeed<T>): FeedSnapshot<T> {
  const [snapshot, setSnapshot] = useState(feed.current);
  useEffect(() => {
    setSnapshot(feed.current);
    return feed.subscribe(setSnapshot);
  }, [feed]);
  return snapshot;
}
