-- /similar for a present's page (ids 1..PRESENTS, env MYSANTA_BENCH_PRESENTS, default 16000), as
-- an anonymous visitor browsing the catalogue: after the first visit of a present, cache hits.
local presents = tonumber(os.getenv("MYSANTA_BENCH_PRESENTS") or "16000")
local counter = 0
setup = function(thread)
  counter = counter + 1
  thread:set("thread_seed", counter)
end
init = function(args)
  math.randomseed(thread_seed * 104729)
end
request = function()
  local body = string.format('{"present_id":%d,"pagination":{"page":1,"limit":20}}',
                             math.random(1, presents))
  return wrk.format("POST", "/similar", {["Content-Type"] = "application/json"}, body)
end
