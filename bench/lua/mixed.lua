-- A mixed load as MySanta's pages make it: of every 20 requests, 10 cached /popular segments,
-- 6 /personalized for returning users (cache hits, likes read), 3 for new visits of distinct users
-- (misses), 1 GET /user-profile. Ids as in personalized.lua and personalized_returning.lua.
local users = tonumber(os.getenv("MYSANTA_BENCH_USERS") or "100000")
local returning = tonumber(os.getenv("MYSANTA_BENCH_RETURNING") or "2000")
local stride = math.max(1, math.floor(users / returning))
local genders = {"f", "m", "any"}
local ages = {"18-24", "25-34", "35-44", "45-54"}
local json = {["Content-Type"] = "application/json"}
local i = 0
local counter = 0
setup = function(thread)
  counter = counter + 1
  thread:set("thread_seed", counter)
end
init = function(args)
  math.randomseed(thread_seed * 104729)
end
request = function()
  i = i + 1
  local slot = i % 20
  if slot < 10 then
    return wrk.format("POST", "/popular", json, string.format(
      '{"user_params":{"gender":"%s","age":"%s"},"pagination":{"page":%d,"limit":20}}',
      genders[(i % 3) + 1], ages[(i % 4) + 1], (i % 2) + 1))
  elseif slot < 16 then
    return wrk.format("POST", "/personalized", json, string.format(
      '{"user_id":%d,"pagination":{"limit":20}}', ((i * 31) % returning) * stride + 1))
  elseif slot < 19 then
    return wrk.format("POST", "/personalized", json, string.format(
      '{"user_id":%d,"pagination":{"limit":20}}', math.random(1, users)))
  end
  return wrk.format("GET", string.format("/user-profile/%d", math.random(1, users)))
end
