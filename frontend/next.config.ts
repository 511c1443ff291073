import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";

const DEFAULT_BACKEND_URL = "http://127.0.0.1:8000";

/**
 * In production the gateway (gateway/conf.d/pitstop.conf) sends /api/ to the backend,
 * so only `next dev` proxies /api/* itself, to PITSTOP_BACKEND_URL.
 */
export default function nextConfig(phase: string): NextConfig {
  const config: NextConfig = {
    output: "standalone",
    reactStrictMode: true,
    poweredByHeader: false,
    // Next.js 16 otherwise writes an AGENTS.md into this folder on every `next dev`.
    agentRules: false,
    experimental: { agentUpgrade: false },
  };
  if (phase !== PHASE_DEVELOPMENT_SERVER) return config;

  const backend = (process.env.PITSTOP_BACKEND_URL || DEFAULT_BACKEND_URL).replace(/\/+$/, "");
  return {
    ...config,
    async rewrites() {
      return [{ source: "/api/:path*", destination: `${backend}/api/:path*` }];
    },
  };
}
