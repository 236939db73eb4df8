// The first screen's GETs started by index.html before any script of the app loaded
// (the inbox's rows, its counts, the session, the saved views): each answer is handed
// to the first request for exactly that path, once; every later one fetches anew.
declare global {
  interface Window {
    __earlyRequests?: Record<string, Promise<Response> | undefined>;
  }
}

export function takeEarlyResponse(path: string): Promise<Response> | undefined {
  const early = window.__earlyRequests;
  const response = early?.[path];
  if (early && response) delete early[path];
  return response;
}
