-- /personalized for returning users: a fixed set of RETURNING users (env MYSANTA_BENCH_RETURNING,
-- default 2000), warmed up before the measured run, so (almost) every request is a cache hit —
-- and still reads the user's likes at request time (SPEC rule 4).
local users = tonumber(os.getenv("MYSANTA_BENCH_USERS") or "100000")
local returning = tonumber(os.getenv("MYSANTA_BENCH_RETURNING") or "2000")
local stride = math.max(1, math.floor(users / returning))
local i = 0
local counter = 0
setup = function(thread)
  counter = counter + 1
  thread:set("offset", counter * 7919)
end
request = function()
  i = i + 1
  local user = ((i + offset) % returning) * stride + 1
  return wrk.format("POST", "/personalized", {["Content-Type"] = "application/json"},
                    string.format('{"user_id":%d,"pagination":{"page":%d,"limit":20}}', user,
                                  (i % 3) + 1))
end
