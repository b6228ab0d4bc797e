-- Cached /popular: a fixed set of 48 segment requests, warmed up before the measured run, so
-- (almost) every request is a cache hit. Pages vary too: the cache holds ranked lists, not pages.
local genders = {"f", "m", "any"}
local ages = {"18-24", "25-34", "35-44", "45-54"}
local geos = {"213", "2", "null", "54"}
local bodies = {}
for _, g in ipairs(genders) do
  for _, a in ipairs(ages) do
    for _, geo in ipairs(geos) do
      bodies[#bodies + 1] = string.format(
        '{"user_params":{"gender":"%s","age":"%s","geo_id":%s},"pagination":{"page":%d,"limit":20}}',
        g, a, geo, (#bodies % 3) + 1)
    end
  end
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", "/popular", {["Content-Type"] = "application/json"},
                    bodies[(i % #bodies) + 1])
end
