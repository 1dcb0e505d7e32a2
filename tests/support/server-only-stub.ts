// `server-only` throws outside React's server runtime; tests run plain Node, which is server-side too.
export {};
