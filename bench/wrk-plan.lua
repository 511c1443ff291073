-- wrk script: cycles through bench/pairs.txt, asking ENDPOINT for each pair.
-- ENDPOINT is "v1" (/api/v1/routes) or "v2" (/api/v2/plan), from the environment.
local pairs = {}
local endpoint = os.getenv("ENDPOINT") or "v2"
local pairs_file = os.getenv("PAIRS_FILE") or "bench/pairs.txt"

for line in io.lines(pairs_file) do
  local from, to = line:match("^(%S+)%s+(%S+)$")
  if from and not line:match("^#") then
    table.insert(pairs, { from, to })
  end
end

local counter = 0

request = function()
  counter = counter + 1
  local pair = pairs[(counter % #pairs) + 1]
  local path
  if endpoint == "v1" then
    path = "/api/v1/routes?start=" .. pair[1] .. "&end=" .. pair[2] .. "&intervalMins=30"
  else
    path = "/api/v2/plan?from=" .. pair[1] .. "&to=" .. pair[2] .. "&rideLimitMin=30"
  end
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d (status %d, timeout %d)\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, summary.errors.status, summary.errors.timeout))
  io.write(string.format("requests/s %.1f\n", summary.requests / (summary.duration / 1e6)))
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    io.write(string.format("p%s latency %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
