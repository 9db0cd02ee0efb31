/**
 * Runs the engine calls that add or remove an endpoint on the project's network one at a time. dockerd
 * 20.10 keeps a count of each network's endpoints as a read-modify-write record, and two such calls at
 * once can leave it one too high (moby#42119, logged at the next dockerd start as "Fixing inconsistent
 * endpoint_cnt"): the network then refuses removal until dockerd restarts. Only sandboxes hold
 * endpoints; service containers join their sandbox's namespace and never touch the network.
 */
export type EndpointQueue = <T>(call: () => Promise<T>) => Promise<T>;

export function endpointQueue(): EndpointQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(call: () => Promise<T>): Promise<T> => {
    const turn = tail.then(call);
    tail = turn.catch(() => {});
    return turn;
  };
}

/** For a lone action (no plan around it): calls run as they come. */
export const unqueued: EndpointQueue = (call) => call();
