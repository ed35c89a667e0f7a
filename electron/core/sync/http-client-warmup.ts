/**
 * Node loads its HTTP client (undici, behind `fetch`) on first use: 110–240 ms
 * of module loading on the event loop, measured in a fresh process here. The
 * sync loop's first request comes right after the core has opened, when the
 * window already shows, so the load is done while the core opens instead.
 * Constructing a Response loads it without any request.
 */
export function loadHttpClient(): void {
  void new Response(null);
}
