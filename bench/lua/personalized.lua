-- /personalized for many distinct users (ids 1..USERS, env MYSANTA_BENCH_USERS, default 100000):
-- each request reads that user's likes from the main database, as SPEC rule 4 requires.
local users = tonumber(os.getenv("MYSANTA_BENCH_USERS") or "100000")
local counter = 0
setup = function(thread)
  counter = counter + 1
  thread:set("thread_seed", counter)
end
init = function(args)
  math.randomseed(thread_seed * 7919)
end
request = function()
  local body = string.format('{"user_id":%d,"pagination":{"page":1,"limit":20}}',
                             math.random(1, users))
  return wrk.format("POST", "/personalized", {["Content-Type"] = "application/json"}, body)
end
