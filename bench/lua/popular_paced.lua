-- Cached /popular (as popular_cached.lua) at a paced rate: each connection waits
-- MYSANTA_BENCH_DELAY_MS (default 500) between its requests, so that with -c10000 the offered
-- load is 10000 / delay requests per second whatever the latency — the figure then measures
-- holding the connections, not queueing. wrk's latency is from sending a request to its answer.
local delay_ms = tonumber(os.getenv("MYSANTA_BENCH_DELAY_MS") or "500")
local genders = {"f", "m", "any"}
local ages = {"18-24", "25-34", "35-44", "45-54"}
local bodies = {}
for _, g in ipairs(genders) do
  for _, a in ipairs(ages) do
    bodies[#bodies + 1] = string.format(
      '{"user_params":{"gender":"%s","age":"%s"},"pagination":{"page":1,"limit":20}}', g, a)
  end
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", "/popular", {["Content-Type"] = "application/json"},
                    bodies[(i % #bodies) + 1])
end
delay = function()
  -- Spread over [0.5, 1.5] x delay so that the connections do not march in step.
  return math.floor(delay_ms * (0.5 + math.random()))
end
