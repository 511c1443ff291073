// Copies the static assets into .next/standalone after `next build`. The standalone
// server.js serves only what lies inside its own folder, and Next.js leaves these
// two folders out of it on purpose (they are meant for a CDN).
import { cpSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const standalone = join(root, ".next", "standalone");

if (!existsSync(join(standalone, "server.js"))) {
  console.error(`copy-standalone-assets: ${standalone}/server.js is missing: set output: "standalone" in next.config.ts and run next build`);
  process.exit(1);
}

const copied = [".next/static"];
cpSync(join(root, ".next", "static"), join(standalone, ".next", "static"), { recursive: true });
if (existsSync(join(root, "public"))) {
  cpSync(join(root, "public"), join(standalone, "public"), { recursive: true });
  copied.push("public");
}
console.log(`copy-standalone-assets: copied ${copied.join(" and ")} into ${standalone}`);
